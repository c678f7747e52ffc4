import { isCollection, isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigError, type ConfigIssue } from "../errors.js";

/** A parsed YAML document that can say where any key path came from. */
export interface YamlSource {
  value: unknown;
  file: string;
  /** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
  locate(path: ReadonlyArray<PropertyKey>): { line: number; column: number } | undefined;
  /** Line and column of the key `key` inside the mapping at `path`. */
  locateKey(path: ReadonlyArray<PropertyKey>, key: string): { line: number; column: number } | undefined;
}

/**
 * Parses YAML text (YAML 1.2 core schema, so `25_34` stays the string it was written as) and keeps
 * the positions needed to report problems as `file:line:column`. Syntax errors, duplicate keys
 * included, become one ConfigError listing each of them.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: ConfigIssue[] = doc.errors.map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      return {
        severity: "error",
        path: "",
        message: `invalid YAML: ${firstLine(error.message)}`,
        file,
        line: pos.line,
        column: pos.col,
      };
    });
    throw new ConfigError("not valid YAML", issues, { where: file });
  }
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const nodeAt = (path: ReadonlyArray<PropertyKey>): Node | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (node && typeof node === "object" && "range" in node && (node as Node).range) return node as Node;
    }
    return undefined;
  };
  return {
    value: toValue(doc, file),
    file,
    locate(path) {
      const node = nodeAt(path);
      // A mapping or list is best pointed at by its key, where the reader's eye looks for it.
      const last = path[path.length - 1];
      if (isCollection(node) && typeof last === "string" && doc.getIn(path as unknown[], true) === node) {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last);
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
      }
      return node?.range ? at(node.range[0]) : undefined;
    },
    locateKey(path, key) {
      const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      return this.locate(path);
    },
  };
}

/**
 * The document as plain values. Aliases are expanded here, so a document whose aliases multiply
 * (a "billion laughs" file: a few lines expanding to gigabytes) is refused as a config error,
 * not left to exhaust memory or crash with the YAML library's stack trace.
 */
function toValue(doc: ReturnType<typeof parseDocument>, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new ConfigError("too many YAML alias expansions (over 1,000; an alias bomb?)", [], {
        where: file,
        hint: "write the repeated values out, or use fewer nested aliases",
        cause: error,
      });
    }
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
