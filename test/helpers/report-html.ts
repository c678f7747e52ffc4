import { gunzipSync } from "node:zlib";

/** The data a report page embeds, decoded in Node (independently of the page's own script). */
export interface ReportBlocks {
  meta: { chunkSize: number; chunks: number; total: number };
  // biome-ignore lint/suspicious/noExplicitAny: test reader of an untyped JSON block
  index: any;
  /** The decoded conversation chunk `i` (an array of sample views). */
  chunk(i: number): Array<Record<string, unknown>>;
  /** The decoded system-prompt block `i`. */
  prompts(i: number): string[];
  /** Ids of every data block, in page order. */
  ids: string[];
}

/** Reads the gzip + base64 blocks and the meta JSON of a report page. */
export function readReportBlocks(html: string): ReportBlocks {
  const blocks = new Map<string, string>();
  for (const m of html.matchAll(/<script type="application\/octet-stream" id="([^"]+)">([^<]*)<\/script>/g))
    blocks.set(m[1] as string, m[2] as string);
  const decode = (id: string) => {
    const base64 = blocks.get(id);
    if (base64 === undefined) throw new Error(`no data block ${id}`);
    return JSON.parse(gunzipSync(Buffer.from(base64, "base64")).toString("utf8"));
  };
  const meta = /<script type="application\/json" id="report-meta">([^<]*)<\/script>/.exec(html);
  if (!meta) throw new Error("no report-meta element");
  return {
    meta: JSON.parse(meta[1] as string),
    index: decode("index"),
    chunk: (i) => decode(`c-${i}`),
    prompts: (i) => decode(`p-${i}`),
    ids: [...blocks.keys()],
  };
}
