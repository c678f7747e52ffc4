import { isStopWord } from "../../text/text-words.js";

/** What a code block is for: new code, or a fix shown as before and after. */
export type CodePurpose = "write" | "fix";

/** What the code block builder needs to know. */
export interface CodeRequest {
  /** Fence language (`python`, `bash`, …); python when unknown. */
  language: string | undefined;
  purpose: CodePurpose;
  /** The request's topic, lower-case, protected parts masked: names the function. */
  topicLower: string;
  /** The whole message, lower-case: picks a known command recipe. */
  lower: string;
  /** A one-line description for the comment. */
  summary: string;
  /** A plain integer the user gave, used as the constant. */
  number: string | undefined;
  /** A library or tool the user named (`Flask`), if any. */
  name: string | undefined;
}

const GENERIC_WORDS = new Set(
  "function script code program snippet class method python javascript typescript java rust go golang bash shell sql query write create make build implement returns return returning takes given new simple small quick short fix solve debug problem issue error errors bug this".split(
    " ",
  ),
);

function identifierWords(topicLower: string): string[] {
  const out: string[] = [];
  for (const m of topicLower.matchAll(/[a-z]+/g)) {
    const w = m[0];
    if (w.length < 3 || GENERIC_WORDS.has(w) || isStopWord(w)) continue;
    out.push(w);
    if (out.length === 3) break;
  }
  return out.length > 0 ? out : ["process", "items"];
}

function snake(words: readonly string[]): string {
  return words.join("_");
}

function camel(words: readonly string[]): string {
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
}

function bashRecipe(req: CodeRequest): string {
  const n = req.number ?? "30";
  if (/\bgit\b/.test(req.lower) && /\b(?:undo|revert|reset|uncommit)\b/.test(req.lower)) {
    return "# undo the last commit, keep the changes staged\ngit reset --soft HEAD~1\n\n# check what is staged now\ngit status";
  }
  if (/\b(?:older than|delete|clean ?up|remove)\b/.test(req.lower) && /\bfiles?\b/.test(req.lower)) {
    return `# list first, then delete files older than ${n} days\nfind /path/to/dir -type f -mtime +${n} -print\nfind /path/to/dir -type f -mtime +${n} -delete`;
  }
  if (/\bgit\b/.test(req.lower)) return "git status\ngit log --oneline -5\ngit diff --stat";
  if (/\bdocker\b/.test(req.lower))
    return "docker ps -a\ndocker logs --tail 50 <container>\ndocker compose up -d --build";
  return `# ${req.summary}\nset -euo pipefail\n\nfor file in ./*; do\n  echo "processing $file"\ndone`;
}

function body(req: CodeRequest): string {
  const words = identifierWords(req.topicLower);
  const lang = req.language ?? "python";
  const n = req.number;
  if (req.purpose === "fix") {
    switch (lang) {
      case "javascript":
      case "typescript":
        return "// Before: breaks while the data is still undefined\nconst names = data.map((d) => d.name);\n\n// After: fall back to an empty list until it arrives\nconst names = (data ?? []).map((d) => d.name);";
      case "sql":
        return "-- Before: one query per row\n-- After: fetch the related rows in one join\nSELECT i.id, i.total, c.name\nFROM invoices AS i\nJOIN customers AS c ON c.id = i.customer_id;";
      case "bash":
        return bashRecipe(req);
      case "rust":
        return "// Before: returns a reference to a local value\n// After: return an owned value instead\nfn first(v: &[String]) -> String {\n    v[0].clone()\n}";
      default:
        if (/n\+1|select_related|\bdjango\b/.test(req.lower) && /quer(?:y|ies)/.test(req.lower)) {
          return `# Before: one extra query per row\nfor invoice in Invoice.objects.all():\n    print(invoice.customer.name)\n\n# After: fetch the related rows in the same query\nfor invoice in Invoice.objects.select_related("customer"):\n    print(invoice.customer.name)`;
        }
        return `# Before: fails when the value is missing\nvalue = data["${words[0]}"]\n\n# After: check first, then use it\nvalue = data.get("${words[0]}")\nif value is None:\n    raise ValueError("${words[0]} is missing; check the input")`;
    }
  }
  switch (lang) {
    case "javascript":
    case "typescript": {
      const typed = lang === "typescript";
      const limit = n === undefined ? "" : `const LIMIT = ${n}; // from your message\n\n`;
      return `${limit}export function ${camel(words)}(items${typed ? ": unknown[]" : ""})${typed ? ": unknown[]" : ""} {\n  if (items.length === 0) return [];\n  // ${req.summary}\n  return items.map((item) => item);\n}`;
    }
    case "sql":
      return `-- ${req.summary}\nSELECT user_id, COUNT(*) AS total\nFROM events\nWHERE created_at >= CURRENT_DATE - INTERVAL '${n ?? "30"} days'\nGROUP BY user_id\nORDER BY total DESC;`;
    case "bash":
      return bashRecipe(req);
    case "rust":
      return `fn ${snake(words)}(items: &[String]) -> Vec<String> {\n    // ${req.summary}\n    items.iter().cloned().collect()\n}`;
    case "go":
      return `func ${camel(words)}(items []string) []string {\n\t// ${req.summary}\n\tout := make([]string, 0, len(items))\n\treturn append(out, items...)\n}`;
    case "java":
      return `static List<String> ${camel(words)}(List<String> items) {\n    // ${req.summary}\n    return new ArrayList<>(items);\n}`;
    default: {
      const limit = n === undefined ? "" : `LIMIT = ${n}  # from your message\n\n\n`;
      return `${limit}def ${snake(words)}(items):\n    """${req.summary}"""\n    if not items:\n        return []\n    result = []\n    for item in items:\n        result.append(item)  # adapt this step to your data\n    return result`;
    }
  }
}

const PACKAGE_TROUBLE = /\b(?:import\w*|module|pip|version|install\w*|package|dependenc\w*)\b/;

/** For a Python fix that smells of packages: check, upgrade or pin, record. */
function pipRecipe(req: CodeRequest): string {
  const pkg = (req.name ?? identifierWords(req.topicLower)[0] ?? "package")
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "");
  return `# 1. see which versions are installed\npip show ${pkg}\n\n# 2. upgrade, or pin the last version that worked\npip install --upgrade ${pkg}\n\n# 3. record the working versions\npip freeze > requirements.txt`;
}

/** A fenced code block for a coding request. */
export function codeBlock(req: CodeRequest): string {
  const fence = req.language === undefined || req.language === "python" ? "python" : req.language;
  if (req.purpose === "fix" && fence === "python" && PACKAGE_TROUBLE.test(req.lower)) {
    return `\`\`\`bash\n${pipRecipe(req)}\n\`\`\``;
  }
  return `\`\`\`${fence}\n${body(req)}\n\`\`\``;
}
