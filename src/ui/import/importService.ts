/**
 * Connects the import wizard to the import worker: the file is parsed and validated off
 * the main thread; Cancel terminates the worker so nothing of the file is kept.
 */
import { rejectedRowsToCsv } from '../../domain/import';
import { createImportClient } from '../../workers/importClient';
import type { ImportService } from './ImportWizard';

export function createWorkerImportService(): ImportService {
  const client = createImportClient();
  let header: string[] = [];
  return {
    async open(file, delimiter, onProgress) {
      const out = await client.parseFile(file, delimiter !== undefined ? { delimiter } : {}, onProgress);
      if (!out.ok) throw new Error(out.message);
      const v = out.value;
      header = v.header;
      return {
        fileName: v.fileName,
        header: v.header,
        rowCount: v.rowCount,
        delimiter: v.delimiter,
        delimiterCandidates: v.delimiterCandidates.map((c) => c.delimiter),
        ambiguousDelimiter: v.ambiguousDelimiter,
        isGeoJson: v.kind === 'geojson',
        detected: v.suggestedMapping,
      };
    },
    preview: (mapping, options) => client.preview(mapping, options, 5),
    validate: (mapping, options, onProgress) => client.validate(mapping, options, onProgress),
    cancel: () => client.cancel(),
    warmUp: () => {
      client.warmUp().catch(() => undefined); // a failed warm-up only means a cold start
    },
    rejectedCsv: async (result) => rejectedRowsToCsv(header, result.rejected),
  };
}
