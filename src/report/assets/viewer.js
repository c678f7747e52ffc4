// @ts-check
// The report's sample browser. It runs inline in the report page, loads nothing from anywhere: its
// data sits in the page as gzip + base64 blocks (see src/report/report.ts) that it decompresses with
// the browser's DecompressionStream — the index (filters, list) at once, while the browser still parses
// the rest of the page, a chunk of conversations or of system prompts when one of them is opened. The list is virtualised: only the visible rows exist.
// Text from the data is only ever set as textContent, never parsed as HTML.

(() => {
  /**
   * @typedef {{
   *   dimensions: Array<{name: string, values: string[]}>,
   *   personas: Array<{id: string, features: number[]}>,
   *   prompts: Array<[number, number] | null>,
   *   vocab: {split: string[], domain: string[], reason: string[], layer: string[], strategy: string[]},
   *   samples: {
   *     id: string[], persona: number[], split: number[], domain: number[], reason: number[],
   *     layers: number[][], strategies: number[][], turns: number[], score: Array<number | null>,
   *     preview: string[]
   *   }
   * }} Index
   * @typedef {{role: string, text?: string, diff?: string[],
   *   noise?: {layer: string, strategies: string[], from: string}}} Turn
   * @typedef {{id: string, originalQuery: string, turns: Turn[], facts: Array<[string, string]>}} Sample
   * @typedef {{chunkSize: number, chunks: number, total: number}} Meta
   */

  const ROW_HEIGHT = 58;
  const CACHED_CHUNKS = 8;

  /** @param {string} id */
  function byId(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error(`report: element #${id} is missing`);
    return node;
  }

  /**
   * Builds an element: `el("span", {class: "tag"}, "text", child)`.
   * @param {string} tag
   * @param {Record<string, string>} [attrs]
   * @param {Array<Node | string | null | undefined>} children
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) node.setAttribute(key, value);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** @param {string} base64 */
  function bytesOf(base64) {
    const fromBase64 = /** @type {any} */ (Uint8Array).fromBase64;
    if (typeof fromBase64 === "function") return /** @type {Uint8Array} */ (fromBase64(base64));
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /**
   * Decompresses and parses one data block of the page.
   * @param {string} id
   * @returns {Promise<any>}
   */
  async function block(id) {
    const text = byId(id).textContent ?? "";
    const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (bytesOf(text.trim()));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  /** Resolves once the whole page is parsed: the conversation and prompt blocks come after this script. */
  const parsed = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve(undefined);
  });

  /** A small cache of decoded blocks (a chunk is ~250 conversations). @type {Map<string, Promise<any>>} */
  const blocks = new Map();
  /** @param {string} id */
  function cachedBlock(id) {
    let entry = blocks.get(id);
    if (entry) {
      blocks.delete(id);
    } else {
      entry = parsed.then(() => block(id));
      if (blocks.size >= CACHED_CHUNKS) blocks.delete(/** @type {string} */ (blocks.keys().next().value));
    }
    blocks.set(id, entry);
    return entry;
  }

  const fmt = new Intl.NumberFormat("en-US");

  /** @param {() => void} onShown runs after a tab is shown (a hidden list has no height to fill). */
  function setUpTabs(onShown) {
    const buttons = document.querySelectorAll(".tabs button");
    for (const button of buttons) {
      button.addEventListener("click", () => {
        const tab = button.getAttribute("data-tab");
        for (const other of buttons) other.setAttribute("aria-selected", String(other === button));
        for (const panel of document.querySelectorAll(".tab"))
          if (panel instanceof HTMLElement) panel.hidden = panel.id !== `tab-${tab}`;
        onShown();
      });
    }
  }

  /**
   * The filter controls, built from the index's vocabularies; `onChange` runs on every change.
   * @param {Index} index
   * @param {() => void} onChange
   */
  function buildFilters(index, onChange) {
    const root = byId("filters");
    const v = index.vocab;
    /**
     * @param {string} name
     * @param {string} label
     * @param {Array<[string, string]>} options value, text
     */
    const select = (name, label, options) => {
      const control = /** @type {HTMLSelectElement} */ (
        el(
          "select",
          { name, id: `filter-${name}` },
          ...options.map(([value, text]) => el("option", { value }, text)),
        )
      );
      control.addEventListener("change", onChange);
      root.append(el("label", { for: `filter-${name}` }, label), control);
      return control;
    };
    /** @param {string[]} values */
    const valueOptions = (values) =>
      /** @type {Array<[string, string]>} */ (values.map((value, i) => [String(i), value]));
    const any = /** @type {[string, string]} */ (["", "any"]);

    const search = /** @type {HTMLInputElement} */ (
      el("input", { type: "search", id: "filter-search", placeholder: "id or text", autocomplete: "off" })
    );
    search.addEventListener("input", onChange);
    root.append(el("label", { for: "filter-search" }, "Search"), search);

    const controls = {
      search,
      split: select("split", "Split", [any, ...valueOptions(v.split)]),
      dimension: select("dimension", "Persona feature", [
        ["", "any"],
        ...index.dimensions.map((d, i) => /** @type {[string, string]} */ ([String(i), d.name])),
      ]),
      value: select("value", "Value", [any]),
      domain: select("domain", "Domain", [any, ...valueOptions(v.domain)]),
      layer: select("layer", "Noise layer", [any, ["none", "no noise"], ...valueOptions(v.layer)]),
      strategy: select("strategy", "Noise strategy", [any, ...valueOptions(v.strategy)]),
      reason: select("reason", "Ended", [any, ...valueOptions(v.reason)]),
      /** @type {HTMLInputElement | null} */
      score: null,
    };
    controls.dimension.addEventListener("change", () => {
      const dim = index.dimensions[Number(controls.dimension.value)];
      const values = controls.dimension.value === "" || !dim ? [] : dim.values;
      controls.value.replaceChildren(el("option", { value: "" }, "any"));
      values.forEach((value, i) => {
        controls.value.append(el("option", { value: String(i) }, value));
      });
    });
    if (index.samples.score.some((score) => score !== null)) {
      const score = /** @type {HTMLInputElement} */ (
        el("input", {
          type: "number",
          id: "filter-score",
          min: "0",
          max: "1",
          step: "0.05",
          placeholder: "any",
        })
      );
      score.addEventListener("input", onChange);
      root.append(el("label", { for: "filter-score" }, "Judge score at least"), score);
      controls.score = score;
    }
    const reset = el("button", { type: "button", class: "reset" }, "Clear filters");
    reset.addEventListener("click", () => {
      for (const control of root.querySelectorAll("select, input"))
        if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = "";
      controls.value.replaceChildren(el("option", { value: "" }, "any"));
      onChange();
    });
    root.append(reset);
    return controls;
  }

  /**
   * Indices of the samples that pass every filter.
   * @param {Index} index
   * @param {ReturnType<typeof buildFilters>} c
   */
  function matching(index, c) {
    const s = index.samples;
    const n = s.id.length;
    const num = (/** @type {string} */ value) => (value === "" ? -1 : Number(value));
    const split = num(c.split.value);
    const dim = num(c.dimension.value);
    const value = num(c.value.value);
    const domain = num(c.domain.value);
    const noLayer = c.layer.value === "none";
    const layer = noLayer ? -1 : num(c.layer.value);
    const strategy = num(c.strategy.value);
    const reason = num(c.reason.value);
    const minScore = c.score && c.score.value !== "" ? Number(c.score.value) : null;
    const text = c.search.value.trim().toLowerCase();
    const out = [];
    for (let i = 0; i < n; i++) {
      if (split >= 0 && s.split[i] !== split) continue;
      if (dim >= 0 && value >= 0 && index.personas[s.persona[i]]?.features[dim] !== value) continue;
      if (domain >= 0 && s.domain[i] !== domain) continue;
      const layers = s.layers[i];
      if (noLayer && layers.length > 0) continue;
      if (layer >= 0 && !layers.includes(layer)) continue;
      if (strategy >= 0 && !s.strategies[i].includes(strategy)) continue;
      if (reason >= 0 && s.reason[i] !== reason) continue;
      // Unjudged samples have no score to pass a threshold with.
      if (minScore !== null && !((s.score[i] ?? Number.NEGATIVE_INFINITY) >= minScore)) continue;
      if (text && !s.id[i].toLowerCase().includes(text) && !s.preview[i].toLowerCase().includes(text))
        continue;
      out.push(i);
    }
    return out;
  }

  /**
   * @param {string} text
   * @param {string} [cls]
   */
  const tag = (text, cls) => el("span", { class: cls ? `tag ${cls}` : "tag" }, text);

  /**
   * One row of the list.
   * @param {Index} index
   * @param {number} i
   */
  function row(index, i) {
    const s = index.samples;
    const v = index.vocab;
    const persona = index.personas[s.persona[i]];
    const roleDim = index.dimensions.findIndex((d) => d.name === "role");
    const roleCode = persona && roleDim >= 0 ? persona.features[roleDim] : -1;
    const role =
      roleCode !== undefined && roleCode >= 0 ? index.dimensions[roleDim]?.values[roleCode] : undefined;
    const domain = v.domain[s.domain[i]];
    const reason = v.reason[s.reason[i]];
    const layers = s.layers[i].map((l) => tag(v.layer[l], "noise"));
    return el(
      "div",
      { class: "row", role: "option", "data-index": String(i) },
      el(
        "div",
        { class: "row-top" },
        tag(v.split[s.split[i]], "split"),
        el("span", { class: "row-id" }, s.id[i]),
        el(
          "span",
          { class: "row-facts" },
          [
            role,
            domain,
            `${s.turns[i]} turns`,
            reason,
            s.score[i] === null ? "" : `score ${s.score[i]?.toFixed(2)}`,
          ]
            .filter(Boolean)
            .join(" · "),
        ),
        ...layers,
      ),
      el("div", { class: "row-preview" }, s.preview[i]),
    );
  }

  /**
   * The user turn's text: its diff (removed struck through, inserted marked) or plain.
   * @param {Turn} turn
   */
  function turnText(turn) {
    const box = el("div", { class: "text" });
    if (!turn.diff) {
      box.textContent = turn.text ?? "";
      return box;
    }
    for (const part of turn.diff) {
      const kind = part[0];
      const text = part.slice(1);
      box.append(kind === "-" ? el("del", {}, text) : kind === "+" ? el("ins", {}, text) : text);
    }
    return box;
  }

  /**
   * @param {Index} index
   * @param {number} i
   * @param {Sample} sample
   * @param {string | undefined} prompt
   */
  function renderConversation(index, i, sample, prompt) {
    const s = index.samples;
    const v = index.vocab;
    const persona = index.personas[s.persona[i]];
    const facts = [
      ["split", v.split[s.split[i]]],
      ["persona", persona?.id],
      ["domain", v.domain[s.domain[i]]],
      ["turns", String(s.turns[i])],
      ...sample.facts,
    ].filter(([, value]) => value !== undefined && value !== null);
    /** @type {Array<[string, string]>} */
    const features = (persona?.features ?? []).flatMap((code, d) => {
      const dim = index.dimensions[d];
      return code >= 0 && dim ? [/** @type {[string, string]} */ ([dim.name, dim.values[code]])] : [];
    });
    const turns = sample.turns.map((turn, t) => {
      const head = el(
        "div",
        { class: "who" },
        turn.role === "user" ? "User" : turn.role === "assistant" ? "Assistant" : "System",
      );
      if (turn.noise) {
        head.append(
          tag(turn.noise.layer, "noise"),
          ...turn.noise.strategies.map((st) => tag(st, "strategy")),
        );
        head.append(
          el("span", { class: "from" }, turn.noise.from === "edits" ? "diff from edit records" : "word diff"),
        );
      } else if (turn.diff) {
        head.append(el("span", { class: "from" }, "word diff"));
      }
      return el(
        "div",
        { class: `turn ${turn.role}${turn.diff ? " noised" : ""}`, "data-turn": String(t) },
        head,
        turnText(turn),
      );
    });
    const conversation = byId("conversation");
    const parts = [
      el("h2", {}, sample.id),
      el(
        "dl",
        { class: "facts" },
        ...facts.flatMap(([k, value]) => [el("dt", {}, String(k)), el("dd", {}, String(value))]),
      ),
      features.length
        ? el(
            "details",
            { class: "persona" },
            el(
              "summary",
              {},
              el("b", {}, "Persona "),
              `${features
                .slice(0, 6)
                .map(([, value]) => value)
                .join(", ")}${features.length > 6 ? ", …" : ""} (${features.length} features)`,
            ),
            el("div", { class: "features" }, ...features.map(([name, value]) => tag(`${name}: ${value}`))),
          )
        : null,
      prompt === undefined
        ? null
        : el(
            "details",
            { class: "system-prompt" },
            el("summary", {}, "System prompt"),
            el("pre", {}, prompt),
          ),
      el(
        "div",
        { class: "original" },
        el("span", { class: "label" }, "Original query "),
        sample.originalQuery,
      ),
      el(
        "div",
        { class: "legend" },
        "User turns show the clean text with what the noise ",
        el("del", {}, "removed"),
        " and ",
        el("ins", {}, "inserted"),
        ".",
      ),
      ...turns,
    ];
    conversation.replaceChildren(.../** @type {HTMLElement[]} */ (parts.filter(Boolean)));
    conversation.scrollTop = 0;
  }

  async function main() {
    const meta = /** @type {Meta} */ (JSON.parse(byId("report-meta").textContent ?? "{}"));
    performance.mark("report:start");
    const index = /** @type {Index} */ (await block("index"));
    performance.mark("report:index");
    const list = byId("list");
    const spacer = byId("list-spacer");
    const countLabel = byId("list-count");
    /** @type {number[]} */
    let shown = [];
    let selected = -1;
    let opening = 0;

    const render = () => {
      const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
      const last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + 5);
      const rows = [];
      for (let k = first; k < last; k++) {
        const i = shown[k];
        const r = row(index, i);
        r.style.top = `${k * ROW_HEIGHT}px`;
        if (i === selected) r.setAttribute("aria-selected", "true");
        rows.push(r);
      }
      spacer.replaceChildren(...rows);
    };
    const total = index.samples.id.length;
    const refilter = () => {
      shown = matching(index, controls);
      spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
      countLabel.textContent =
        `${fmt.format(shown.length)} of ${fmt.format(total)} samples` +
        (meta.total > total
          ? ` (the first ${fmt.format(total)} of ${fmt.format(meta.total)} in the store)`
          : "");
      list.scrollTop = 0;
      render();
    };
    const controls = buildFilters(index, refilter);
    let frame = 0;
    list.addEventListener("scroll", () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          render();
        });
    });
    window.addEventListener("resize", render);
    setUpTabs(render);

    /** @param {number} i */
    const open = async (i) => {
      selected = i;
      render();
      const ticket = ++opening;
      const chunk = /** @type {Sample[]} */ (await cachedBlock(`c-${Math.floor(i / meta.chunkSize)}`));
      const sample = chunk[i % meta.chunkSize];
      if (!sample) throw new Error(`report: sample ${i} is not in its chunk`);
      const ref = index.prompts[index.samples.persona[i]];
      const prompt = ref ? /** @type {string[]} */ (await cachedBlock(`p-${ref[0]}`))[ref[1]] : undefined;
      if (ticket === opening) renderConversation(index, i, sample, prompt);
    };
    list.addEventListener("click", (event) => {
      const target = /** @type {HTMLElement} */ (event.target).closest(".row");
      if (target) void open(Number(target.getAttribute("data-index")));
    });
    list.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      event.preventDefault();
      const at = shown.indexOf(selected);
      const next = shown[Math.min(shown.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))];
      if (next === undefined) return;
      const top = shown.indexOf(next) * ROW_HEIGHT;
      if (top < list.scrollTop || top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
        list.scrollTop = top - list.clientHeight / 2;
      void open(next);
    });
    refilter();
    document.body.setAttribute("data-ready", String(Math.round(performance.now())));
  }

  main().catch((error) => {
    document.body.setAttribute("data-error", String(error));
    throw error;
  });
})();
