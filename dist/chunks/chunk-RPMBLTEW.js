import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  ConfigError,
  LABEL_RUN,
  LABEL_STEP,
  MAX_DURATION_S,
  PushError,
  REFUSED_ENV_FIX,
  RefusedEnv,
  ReproError,
  anchorOf,
  buildIgnore,
  buildxAtLeast,
  containerEnv,
  credentialsFor,
  describeGpus,
  diagnoseGpuFailure,
  didYouMean,
  dockerConfigDir,
  errorMessage,
  escapesLexically,
  exec,
  explainRunFailure,
  formatBytes,
  formatDuration,
  gpuPreflightError,
  gpuRequest,
  makeResultsDir,
  makeSafeDir,
  oneLine,
  parseDuration,
  parseNvidiaSmiXml,
  readFileNoFollow,
  refusedEnvName,
  registryOf,
  repositoryFor,
  resolveLogins,
  safePath,
  secrets,
  splitCommand,
  splitDelimited,
  splitFields,
  unsafePath,
  withRegistry,
  writeFileFresh
} from "./chunk-TWHDUGSX.js";
import {
  HttpClient
} from "./chunk-FV663VIO.js";

// src/config/config.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// node_modules/yaml/browser/dist/nodes/identity.js
var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
function isCollection(node) {
  if (node && typeof node === "object")
    switch (node[NODE_TYPE]) {
      case MAP:
      case SEQ:
        return true;
    }
  return false;
}
function isNode(node) {
  if (node && typeof node === "object")
    switch (node[NODE_TYPE]) {
      case ALIAS:
      case MAP:
      case SCALAR:
      case SEQ:
        return true;
    }
  return false;
}
var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

// node_modules/yaml/browser/dist/visit.js
var BREAK = /* @__PURE__ */ Symbol("break visit");
var SKIP = /* @__PURE__ */ Symbol("skip children");
var REMOVE = /* @__PURE__ */ Symbol("remove node");
function visit(node, visitor) {
  const visitor_ = initVisitor(visitor);
  if (isDocument(node)) {
    const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
    if (cd === REMOVE)
      node.contents = null;
  } else
    visit_(null, node, visitor_, Object.freeze([]));
}
visit.BREAK = BREAK;
visit.SKIP = SKIP;
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path22) {
  const ctrl = callVisitor(key, node, visitor, path22);
  if (isNode(ctrl) || isPair(ctrl)) {
    replaceNode(key, path22, ctrl);
    return visit_(key, ctrl, visitor, path22);
  }
  if (typeof ctrl !== "symbol") {
    if (isCollection(node)) {
      path22 = Object.freeze(path22.concat(node));
      for (let i = 0; i < node.items.length; ++i) {
        const ci = visit_(i, node.items[i], visitor, path22);
        if (typeof ci === "number")
          i = ci - 1;
        else if (ci === BREAK)
          return BREAK;
        else if (ci === REMOVE) {
          node.items.splice(i, 1);
          i -= 1;
        }
      }
    } else if (isPair(node)) {
      path22 = Object.freeze(path22.concat(node));
      const ck = visit_("key", node.key, visitor, path22);
      if (ck === BREAK)
        return BREAK;
      else if (ck === REMOVE)
        node.key = null;
      const cv = visit_("value", node.value, visitor, path22);
      if (cv === BREAK)
        return BREAK;
      else if (cv === REMOVE)
        node.value = null;
    }
  }
  return ctrl;
}
async function visitAsync(node, visitor) {
  const visitor_ = initVisitor(visitor);
  if (isDocument(node)) {
    const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
    if (cd === REMOVE)
      node.contents = null;
  } else
    await visitAsync_(null, node, visitor_, Object.freeze([]));
}
visitAsync.BREAK = BREAK;
visitAsync.SKIP = SKIP;
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path22) {
  const ctrl = await callVisitor(key, node, visitor, path22);
  if (isNode(ctrl) || isPair(ctrl)) {
    replaceNode(key, path22, ctrl);
    return visitAsync_(key, ctrl, visitor, path22);
  }
  if (typeof ctrl !== "symbol") {
    if (isCollection(node)) {
      path22 = Object.freeze(path22.concat(node));
      for (let i = 0; i < node.items.length; ++i) {
        const ci = await visitAsync_(i, node.items[i], visitor, path22);
        if (typeof ci === "number")
          i = ci - 1;
        else if (ci === BREAK)
          return BREAK;
        else if (ci === REMOVE) {
          node.items.splice(i, 1);
          i -= 1;
        }
      }
    } else if (isPair(node)) {
      path22 = Object.freeze(path22.concat(node));
      const ck = await visitAsync_("key", node.key, visitor, path22);
      if (ck === BREAK)
        return BREAK;
      else if (ck === REMOVE)
        node.key = null;
      const cv = await visitAsync_("value", node.value, visitor, path22);
      if (cv === BREAK)
        return BREAK;
      else if (cv === REMOVE)
        node.value = null;
    }
  }
  return ctrl;
}
function initVisitor(visitor) {
  if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
    return Object.assign({
      Alias: visitor.Node,
      Map: visitor.Node,
      Scalar: visitor.Node,
      Seq: visitor.Node
    }, visitor.Value && {
      Map: visitor.Value,
      Scalar: visitor.Value,
      Seq: visitor.Value
    }, visitor.Collection && {
      Map: visitor.Collection,
      Seq: visitor.Collection
    }, visitor);
  }
  return visitor;
}
function callVisitor(key, node, visitor, path22) {
  if (typeof visitor === "function")
    return visitor(key, node, path22);
  if (isMap(node))
    return visitor.Map?.(key, node, path22);
  if (isSeq(node))
    return visitor.Seq?.(key, node, path22);
  if (isPair(node))
    return visitor.Pair?.(key, node, path22);
  if (isScalar(node))
    return visitor.Scalar?.(key, node, path22);
  if (isAlias(node))
    return visitor.Alias?.(key, node, path22);
  return void 0;
}
function replaceNode(key, path22, node) {
  const parent = path22[path22.length - 1];
  if (isCollection(parent)) {
    parent.items[key] = node;
  } else if (isPair(parent)) {
    if (key === "key")
      parent.key = node;
    else
      parent.value = node;
  } else if (isDocument(parent)) {
    parent.contents = node;
  } else {
    const pt = isAlias(parent) ? "alias" : "scalar";
    throw new Error(`Cannot replace node with ${pt} parent`);
  }
}

// node_modules/yaml/browser/dist/doc/directives.js
var escapeChars = {
  "!": "%21",
  ",": "%2C",
  "[": "%5B",
  "]": "%5D",
  "{": "%7B",
  "}": "%7D"
};
var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
var Directives = class _Directives {
  constructor(yaml, tags) {
    this.docStart = null;
    this.docEnd = false;
    this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
    this.tags = Object.assign({}, _Directives.defaultTags, tags);
  }
  clone() {
    const copy = new _Directives(this.yaml, this.tags);
    copy.docStart = this.docStart;
    return copy;
  }
  /**
   * During parsing, get a Directives instance for the current document and
   * update the stream state according to the current version's spec.
   */
  atDocument() {
    const res = new _Directives(this.yaml, this.tags);
    switch (this.yaml.version) {
      case "1.1":
        this.atNextDocument = true;
        break;
      case "1.2":
        this.atNextDocument = false;
        this.yaml = {
          explicit: _Directives.defaultYaml.explicit,
          version: "1.2"
        };
        this.tags = Object.assign({}, _Directives.defaultTags);
        break;
    }
    return res;
  }
  /**
   * @param onError - May be called even if the action was successful
   * @returns `true` on success
   */
  add(line, onError) {
    if (this.atNextDocument) {
      this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
      this.tags = Object.assign({}, _Directives.defaultTags);
      this.atNextDocument = false;
    }
    const parts = line.trim().split(/[ \t]+/);
    const name = parts.shift();
    switch (name) {
      case "%TAG": {
        if (parts.length !== 2) {
          onError(0, "%TAG directive should contain exactly two parts");
          if (parts.length < 2)
            return false;
        }
        const [handle, prefix] = parts;
        this.tags[handle] = prefix;
        return true;
      }
      case "%YAML": {
        this.yaml.explicit = true;
        if (parts.length !== 1) {
          onError(0, "%YAML directive should contain exactly one part");
          return false;
        }
        const [version] = parts;
        if (version === "1.1" || version === "1.2") {
          this.yaml.version = version;
          return true;
        } else {
          const isValid = /^\d+\.\d+$/.test(version);
          onError(6, `Unsupported YAML version ${version}`, isValid);
          return false;
        }
      }
      default:
        onError(0, `Unknown directive ${name}`, true);
        return false;
    }
  }
  /**
   * Resolves a tag, matching handles to those defined in %TAG directives.
   *
   * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
   *   `'!local'` tag, or `null` if unresolvable.
   */
  tagName(source, onError) {
    if (source === "!")
      return "!";
    if (source[0] !== "!") {
      onError(`Not a valid tag: ${source}`);
      return null;
    }
    if (source[1] === "<") {
      const verbatim = source.slice(2, -1);
      if (verbatim === "!" || verbatim === "!!") {
        onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
        return null;
      }
      if (source[source.length - 1] !== ">")
        onError("Verbatim tags must end with a >");
      return verbatim;
    }
    const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
    if (!suffix)
      onError(`The ${source} tag has no suffix`);
    const prefix = this.tags[handle];
    if (prefix) {
      try {
        return prefix + decodeURIComponent(suffix);
      } catch (error) {
        onError(String(error));
        return null;
      }
    }
    if (handle === "!")
      return source;
    onError(`Could not resolve tag: ${source}`);
    return null;
  }
  /**
   * Given a fully resolved tag, returns its printable string form,
   * taking into account current tag prefixes and defaults.
   */
  tagString(tag) {
    for (const [handle, prefix] of Object.entries(this.tags)) {
      if (tag.startsWith(prefix))
        return handle + escapeTagName(tag.substring(prefix.length));
    }
    return tag[0] === "!" ? tag : `!<${tag}>`;
  }
  toString(doc) {
    const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
    const tagEntries = Object.entries(this.tags);
    let tagNames;
    if (doc && tagEntries.length > 0 && isNode(doc.contents)) {
      const tags = {};
      visit(doc.contents, (_key, node) => {
        if (isNode(node) && node.tag)
          tags[node.tag] = true;
      });
      tagNames = Object.keys(tags);
    } else
      tagNames = [];
    for (const [handle, prefix] of tagEntries) {
      if (handle === "!!" && prefix === "tag:yaml.org,2002:")
        continue;
      if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
        lines.push(`%TAG ${handle} ${prefix}`);
    }
    return lines.join("\n");
  }
};
Directives.defaultYaml = { explicit: false, version: "1.2" };
Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };

// node_modules/yaml/browser/dist/doc/anchors.js
function anchorIsValid(anchor) {
  if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
    const sa = JSON.stringify(anchor);
    const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
    throw new Error(msg);
  }
  return true;
}
function anchorNames(root) {
  const anchors = /* @__PURE__ */ new Set();
  visit(root, {
    Value(_key, node) {
      if (node.anchor)
        anchors.add(node.anchor);
    }
  });
  return anchors;
}
function findNewAnchor(prefix, exclude) {
  for (let i = 1; true; ++i) {
    const name = `${prefix}${i}`;
    if (!exclude.has(name))
      return name;
  }
}
function createNodeAnchors(doc, prefix) {
  const aliasObjects = [];
  const sourceObjects = /* @__PURE__ */ new Map();
  let prevAnchors = null;
  return {
    onAnchor: (source) => {
      aliasObjects.push(source);
      prevAnchors ?? (prevAnchors = anchorNames(doc));
      const anchor = findNewAnchor(prefix, prevAnchors);
      prevAnchors.add(anchor);
      return anchor;
    },
    /**
     * With circular references, the source node is only resolved after all
     * of its child nodes are. This is why anchors are set only after all of
     * the nodes have been created.
     */
    setAnchors: () => {
      for (const source of aliasObjects) {
        const ref = sourceObjects.get(source);
        if (typeof ref === "object" && ref.anchor && (isScalar(ref.node) || isCollection(ref.node))) {
          ref.node.anchor = ref.anchor;
        } else {
          const error = new Error("Failed to resolve repeated object (this should not happen)");
          error.source = source;
          throw error;
        }
      }
    },
    sourceObjects
  };
}

// node_modules/yaml/browser/dist/doc/applyReviver.js
function applyReviver(reviver, obj, key, val) {
  if (val && typeof val === "object") {
    if (Array.isArray(val)) {
      for (let i = 0, len = val.length; i < len; ++i) {
        const v0 = val[i];
        const v1 = applyReviver(reviver, val, String(i), v0);
        if (v1 === void 0)
          delete val[i];
        else if (v1 !== v0)
          val[i] = v1;
      }
    } else if (val instanceof Map) {
      for (const k of Array.from(val.keys())) {
        const v0 = val.get(k);
        const v1 = applyReviver(reviver, val, k, v0);
        if (v1 === void 0)
          val.delete(k);
        else if (v1 !== v0)
          val.set(k, v1);
      }
    } else if (val instanceof Set) {
      for (const v0 of Array.from(val)) {
        const v1 = applyReviver(reviver, val, v0, v0);
        if (v1 === void 0)
          val.delete(v0);
        else if (v1 !== v0) {
          val.delete(v0);
          val.add(v1);
        }
      }
    } else {
      for (const [k, v0] of Object.entries(val)) {
        const v1 = applyReviver(reviver, val, k, v0);
        if (v1 === void 0)
          delete val[k];
        else if (v1 !== v0)
          val[k] = v1;
      }
    }
  }
  return reviver.call(obj, key, val);
}

// node_modules/yaml/browser/dist/nodes/toJS.js
function toJS(value, arg, ctx) {
  if (Array.isArray(value))
    return value.map((v, i) => toJS(v, String(i), ctx));
  if (value && typeof value.toJSON === "function") {
    if (!ctx || !hasAnchor(value))
      return value.toJSON(arg, ctx);
    const data = { aliasCount: 0, count: 1, res: void 0 };
    ctx.anchors.set(value, data);
    ctx.onCreate = (res2) => {
      data.res = res2;
      delete ctx.onCreate;
    };
    const res = value.toJSON(arg, ctx);
    if (ctx.onCreate)
      ctx.onCreate(res);
    return res;
  }
  if (typeof value === "bigint" && !ctx?.keep)
    return Number(value);
  return value;
}

// node_modules/yaml/browser/dist/nodes/Node.js
var NodeBase = class {
  constructor(type) {
    Object.defineProperty(this, NODE_TYPE, { value: type });
  }
  /** Create a copy of this node.  */
  clone() {
    const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
    if (this.range)
      copy.range = this.range.slice();
    return copy;
  }
  /** A plain JavaScript representation of this node. */
  toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
    if (!isDocument(doc))
      throw new TypeError("A document argument is required");
    const ctx = {
      anchors: /* @__PURE__ */ new Map(),
      doc,
      keep: true,
      mapAsMap: mapAsMap === true,
      mapKeyWarned: false,
      maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
    };
    const res = toJS(this, "", ctx);
    if (typeof onAnchor === "function")
      for (const { count, res: res2 } of ctx.anchors.values())
        onAnchor(res2, count);
    return typeof reviver === "function" ? applyReviver(reviver, { "": res }, "", res) : res;
  }
};

// node_modules/yaml/browser/dist/nodes/Alias.js
var Alias = class extends NodeBase {
  constructor(source) {
    super(ALIAS);
    this.source = source;
    Object.defineProperty(this, "tag", {
      set() {
        throw new Error("Alias nodes cannot have tags");
      }
    });
  }
  /**
   * Resolve the value of this alias within `doc`, finding the last
   * instance of the `source` anchor before this node.
   */
  resolve(doc, ctx) {
    if (ctx?.maxAliasCount === 0)
      throw new ReferenceError("Alias resolution is disabled");
    let nodes;
    if (ctx?.aliasResolveCache) {
      nodes = ctx.aliasResolveCache;
    } else {
      nodes = [];
      visit(doc, {
        Node: (_key, node) => {
          if (isAlias(node) || hasAnchor(node))
            nodes.push(node);
        }
      });
      if (ctx)
        ctx.aliasResolveCache = nodes;
    }
    let found = void 0;
    for (const node of nodes) {
      if (node === this)
        break;
      if (node.anchor === this.source)
        found = node;
    }
    if (found && ctx) {
      const { anchors, doc: doc2, maxAliasCount } = ctx;
      let data = anchors.get(found);
      if (!data) {
        toJS(found, null, ctx);
        data = anchors.get(found);
      }
      if (data?.res === void 0) {
        const msg = "This should not happen: Alias anchor was not resolved?";
        throw new ReferenceError(msg);
      }
      if (maxAliasCount >= 0) {
        data.count += 1;
        if (data.aliasCount === 0)
          data.aliasCount = getAliasCount(doc2, found, anchors);
        if (data.count * data.aliasCount > maxAliasCount) {
          const msg = "Excessive alias count indicates a resource exhaustion attack";
          throw new ReferenceError(msg);
        }
      }
    }
    return found;
  }
  toJSON(_arg, ctx) {
    if (!ctx)
      return { source: this.source };
    const source = this.resolve(ctx.doc, ctx);
    if (!source) {
      const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
      throw new ReferenceError(msg);
    }
    return ctx.anchors.get(source).res;
  }
  toString(ctx, _onComment, _onChompKeep) {
    const src = `*${this.source}`;
    if (ctx) {
      anchorIsValid(this.source);
      if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
        const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
        throw new Error(msg);
      }
      if (ctx.implicitKey)
        return `${src} `;
    }
    return src;
  }
};
function getAliasCount(doc, node, anchors) {
  if (isAlias(node)) {
    const source = node.resolve(doc);
    const anchor = anchors && source && anchors.get(source);
    return anchor ? anchor.count * anchor.aliasCount : 0;
  } else if (isCollection(node)) {
    let count = 0;
    for (const item of node.items) {
      const c = getAliasCount(doc, item, anchors);
      if (c > count)
        count = c;
    }
    return count;
  } else if (isPair(node)) {
    const kc = getAliasCount(doc, node.key, anchors);
    const vc = getAliasCount(doc, node.value, anchors);
    return Math.max(kc, vc);
  }
  return 1;
}

// node_modules/yaml/browser/dist/nodes/Scalar.js
var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
var Scalar = class extends NodeBase {
  constructor(value) {
    super(SCALAR);
    this.value = value;
  }
  toJSON(arg, ctx) {
    return ctx?.keep ? this.value : toJS(this.value, arg, ctx);
  }
  toString() {
    return String(this.value);
  }
};
Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
Scalar.PLAIN = "PLAIN";
Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";

// node_modules/yaml/browser/dist/doc/createNode.js
var defaultTagPrefix = "tag:yaml.org,2002:";
function findTagObject(value, tagName, tags) {
  if (tagName) {
    const match = tags.filter((t) => t.tag === tagName);
    const tagObj = match.find((t) => !t.format) ?? match[0];
    if (!tagObj)
      throw new Error(`Tag ${tagName} not found`);
    return tagObj;
  }
  return tags.find((t) => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
  if (isDocument(value))
    value = value.contents;
  if (isNode(value))
    return value;
  if (isPair(value)) {
    const map2 = ctx.schema[MAP].createNode?.(ctx.schema, null, ctx);
    map2.items.push(value);
    return map2;
  }
  if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
    value = value.valueOf();
  }
  const { aliasDuplicateObjects, onAnchor, onTagObj, schema: schema4, sourceObjects } = ctx;
  let ref = void 0;
  if (aliasDuplicateObjects && value && typeof value === "object") {
    ref = sourceObjects.get(value);
    if (ref) {
      ref.anchor ?? (ref.anchor = onAnchor(value));
      return new Alias(ref.anchor);
    } else {
      ref = { anchor: null, node: null };
      sourceObjects.set(value, ref);
    }
  }
  if (tagName?.startsWith("!!"))
    tagName = defaultTagPrefix + tagName.slice(2);
  let tagObj = findTagObject(value, tagName, schema4.tags);
  if (!tagObj) {
    if (value && typeof value.toJSON === "function") {
      value = value.toJSON();
    }
    if (!value || typeof value !== "object") {
      const node2 = new Scalar(value);
      if (ref)
        ref.node = node2;
      return node2;
    }
    tagObj = value instanceof Map ? schema4[MAP] : Symbol.iterator in Object(value) ? schema4[SEQ] : schema4[MAP];
  }
  if (onTagObj) {
    onTagObj(tagObj);
    delete ctx.onTagObj;
  }
  const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar(value);
  if (tagName)
    node.tag = tagName;
  else if (!tagObj.default)
    node.tag = tagObj.tag;
  if (ref)
    ref.node = node;
  return node;
}

// node_modules/yaml/browser/dist/nodes/Collection.js
function collectionFromPath(schema4, path22, value) {
  let v = value;
  for (let i = path22.length - 1; i >= 0; --i) {
    const k = path22[i];
    if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
      const a = [];
      a[k] = v;
      v = a;
    } else {
      v = /* @__PURE__ */ new Map([[k, v]]);
    }
  }
  return createNode(v, void 0, {
    aliasDuplicateObjects: false,
    keepUndefined: false,
    onAnchor: () => {
      throw new Error("This should not happen, please report a bug.");
    },
    schema: schema4,
    sourceObjects: /* @__PURE__ */ new Map()
  });
}
var isEmptyPath = (path22) => path22 == null || typeof path22 === "object" && !!path22[Symbol.iterator]().next().done;
var Collection = class extends NodeBase {
  constructor(type, schema4) {
    super(type);
    Object.defineProperty(this, "schema", {
      value: schema4,
      configurable: true,
      enumerable: false,
      writable: true
    });
  }
  /**
   * Create a copy of this collection.
   *
   * @param schema - If defined, overwrites the original's schema
   */
  clone(schema4) {
    const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
    if (schema4)
      copy.schema = schema4;
    copy.items = copy.items.map((it) => isNode(it) || isPair(it) ? it.clone(schema4) : it);
    if (this.range)
      copy.range = this.range.slice();
    return copy;
  }
  /**
   * Adds a value to the collection. For `!!map` and `!!omap` the value must
   * be a Pair instance or a `{ key, value }` object, which may not have a key
   * that already exists in the map.
   */
  addIn(path22, value) {
    if (isEmptyPath(path22))
      this.add(value);
    else {
      const [key, ...rest] = path22;
      const node = this.get(key, true);
      if (isCollection(node))
        node.addIn(rest, value);
      else if (node === void 0 && this.schema)
        this.set(key, collectionFromPath(this.schema, rest, value));
      else
        throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
  }
  /**
   * Removes a value from the collection.
   * @returns `true` if the item was found and removed.
   */
  deleteIn(path22) {
    const [key, ...rest] = path22;
    if (rest.length === 0)
      return this.delete(key);
    const node = this.get(key, true);
    if (isCollection(node))
      return node.deleteIn(rest);
    else
      throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
  }
  /**
   * Returns item at `key`, or `undefined` if not found. By default unwraps
   * scalar values from their surrounding node; to disable set `keepScalar` to
   * `true` (collections are always returned intact).
   */
  getIn(path22, keepScalar) {
    const [key, ...rest] = path22;
    const node = this.get(key, true);
    if (rest.length === 0)
      return !keepScalar && isScalar(node) ? node.value : node;
    else
      return isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
  }
  hasAllNullValues(allowScalar) {
    return this.items.every((node) => {
      if (!isPair(node))
        return false;
      const n = node.value;
      return n == null || allowScalar && isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
    });
  }
  /**
   * Checks if the collection includes a value with the key `key`.
   */
  hasIn(path22) {
    const [key, ...rest] = path22;
    if (rest.length === 0)
      return this.has(key);
    const node = this.get(key, true);
    return isCollection(node) ? node.hasIn(rest) : false;
  }
  /**
   * Sets a value in this collection. For `!!set`, `value` needs to be a
   * boolean to add/remove the item from the set.
   */
  setIn(path22, value) {
    const [key, ...rest] = path22;
    if (rest.length === 0) {
      this.set(key, value);
    } else {
      const node = this.get(key, true);
      if (isCollection(node))
        node.setIn(rest, value);
      else if (node === void 0 && this.schema)
        this.set(key, collectionFromPath(this.schema, rest, value));
      else
        throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
  }
};

// node_modules/yaml/browser/dist/stringify/stringifyComment.js
var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
function indentComment(comment, indent) {
  if (/^\n+$/.test(comment))
    return comment.substring(1);
  return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;

// node_modules/yaml/browser/dist/stringify/foldFlowLines.js
var FOLD_FLOW = "flow";
var FOLD_BLOCK = "block";
var FOLD_QUOTED = "quoted";
function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
  if (!lineWidth || lineWidth < 0)
    return text;
  if (lineWidth < minContentWidth)
    minContentWidth = 0;
  const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
  if (text.length <= endStep)
    return text;
  const folds = [];
  const escapedFolds = {};
  let end = lineWidth - indent.length;
  if (typeof indentAtStart === "number") {
    if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
      folds.push(0);
    else
      end = lineWidth - indentAtStart;
  }
  let split = void 0;
  let prev = void 0;
  let overflow = false;
  let i = -1;
  let escStart = -1;
  let escEnd = -1;
  if (mode === FOLD_BLOCK) {
    i = consumeMoreIndentedLines(text, i, indent.length);
    if (i !== -1)
      end = i + endStep;
  }
  for (let ch; ch = text[i += 1]; ) {
    if (mode === FOLD_QUOTED && ch === "\\") {
      escStart = i;
      switch (text[i + 1]) {
        case "x":
          i += 3;
          break;
        case "u":
          i += 5;
          break;
        case "U":
          i += 9;
          break;
        default:
          i += 1;
      }
      escEnd = i;
    }
    if (ch === "\n") {
      if (mode === FOLD_BLOCK)
        i = consumeMoreIndentedLines(text, i, indent.length);
      end = i + indent.length + endStep;
      split = void 0;
    } else {
      if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
        const next = text[i + 1];
        if (next && next !== " " && next !== "\n" && next !== "	")
          split = i;
      }
      if (i >= end) {
        if (split) {
          folds.push(split);
          end = split + endStep;
          split = void 0;
        } else if (mode === FOLD_QUOTED) {
          while (prev === " " || prev === "	") {
            prev = ch;
            ch = text[i += 1];
            overflow = true;
          }
          const j = i > escEnd + 1 ? i - 2 : escStart - 1;
          if (escapedFolds[j])
            return text;
          folds.push(j);
          escapedFolds[j] = true;
          end = j + endStep;
          split = void 0;
        } else {
          overflow = true;
        }
      }
    }
    prev = ch;
  }
  if (overflow && onOverflow)
    onOverflow();
  if (folds.length === 0)
    return text;
  if (onFold)
    onFold();
  let res = text.slice(0, folds[0]);
  for (let i2 = 0; i2 < folds.length; ++i2) {
    const fold = folds[i2];
    const end2 = folds[i2 + 1] || text.length;
    if (fold === 0)
      res = `
${indent}${text.slice(0, end2)}`;
    else {
      if (mode === FOLD_QUOTED && escapedFolds[fold])
        res += `${text[fold]}\\`;
      res += `
${indent}${text.slice(fold + 1, end2)}`;
    }
  }
  return res;
}
function consumeMoreIndentedLines(text, i, indent) {
  let end = i;
  let start = i + 1;
  let ch = text[start];
  while (ch === " " || ch === "	") {
    if (i < start + indent) {
      ch = text[++i];
    } else {
      do {
        ch = text[++i];
      } while (ch && ch !== "\n");
      end = i;
      start = i + 1;
      ch = text[start];
    }
  }
  return end;
}

// node_modules/yaml/browser/dist/stringify/stringifyString.js
var getFoldOptions = (ctx, isBlock2) => ({
  indentAtStart: isBlock2 ? ctx.indent.length : ctx.indentAtStart,
  lineWidth: ctx.options.lineWidth,
  minContentWidth: ctx.options.minContentWidth
});
var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
  if (!lineWidth || lineWidth < 0)
    return false;
  const limit = lineWidth - indentLength;
  const strLen = str.length;
  if (strLen <= limit)
    return false;
  for (let i = 0, start = 0; i < strLen; ++i) {
    if (str[i] === "\n") {
      if (i - start > limit)
        return true;
      start = i + 1;
      if (strLen - start <= limit)
        return false;
    }
  }
  return true;
}
function doubleQuotedString(value, ctx) {
  const json = JSON.stringify(value);
  if (ctx.options.doubleQuotedAsJSON)
    return json;
  const { implicitKey } = ctx;
  const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
  const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
  let str = "";
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
      str += json.slice(start, i) + "\\ ";
      i += 1;
      start = i;
      ch = "\\";
    }
    if (ch === "\\")
      switch (json[i + 1]) {
        case "u":
          {
            str += json.slice(start, i);
            const code = json.substr(i + 2, 4);
            switch (code) {
              case "0000":
                str += "\\0";
                break;
              case "0007":
                str += "\\a";
                break;
              case "000b":
                str += "\\v";
                break;
              case "001b":
                str += "\\e";
                break;
              case "0085":
                str += "\\N";
                break;
              case "00a0":
                str += "\\_";
                break;
              case "2028":
                str += "\\L";
                break;
              case "2029":
                str += "\\P";
                break;
              default:
                if (code.substr(0, 2) === "00")
                  str += "\\x" + code.substr(2);
                else
                  str += json.substr(i, 6);
            }
            i += 5;
            start = i + 1;
          }
          break;
        case "n":
          if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
            i += 1;
          } else {
            str += json.slice(start, i) + "\n\n";
            while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
              str += "\n";
              i += 2;
            }
            str += indent;
            if (json[i + 2] === " ")
              str += "\\";
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
  }
  str = start ? str + json.slice(start) : json;
  return implicitKey ? str : foldFlowLines(str, indent, FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
  if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
    return doubleQuotedString(value, ctx);
  const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
  const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
  return ctx.implicitKey ? res : foldFlowLines(res, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
  const { singleQuote } = ctx.options;
  let qs;
  if (singleQuote === false)
    qs = doubleQuotedString;
  else {
    const hasDouble = value.includes('"');
    const hasSingle = value.includes("'");
    if (hasDouble && !hasSingle)
      qs = singleQuotedString;
    else if (hasSingle && !hasDouble)
      qs = doubleQuotedString;
    else
      qs = singleQuote ? singleQuotedString : doubleQuotedString;
  }
  return qs(value, ctx);
}
var blockEndNewlines;
try {
  blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
} catch {
  blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
  const { blockQuote, commentString, lineWidth } = ctx.options;
  if (!blockQuote || /\n[\t ]+$/.test(value)) {
    return quotedString(value, ctx);
  }
  const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
  const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.BLOCK_FOLDED ? false : type === Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
  if (!value)
    return literal ? "|\n" : ">\n";
  let chomp;
  let endStart;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== "\n" && ch !== "	" && ch !== " ")
      break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf("\n");
  if (endNlPos === -1) {
    chomp = "-";
  } else if (value === end || endNlPos !== end.length - 1) {
    chomp = "+";
    if (onChompKeep)
      onChompKeep();
  } else {
    chomp = "";
  }
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === "\n")
      end = end.slice(0, -1);
    end = end.replace(blockEndNewlines, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === " ")
      startWithSpace = true;
    else if (ch === "\n")
      startNlPos = startEnd;
    else
      break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const indentSize = indent ? "2" : "1";
  let header2 = (startWithSpace ? indentSize : "") + chomp;
  if (comment) {
    header2 += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
    if (onComment)
      onComment();
  }
  if (!literal) {
    const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
    let literalFallback = false;
    const foldOptions = getFoldOptions(ctx, true);
    if (blockQuote !== "folded" && type !== Scalar.BLOCK_FOLDED) {
      foldOptions.onOverflow = () => {
        literalFallback = true;
      };
    }
    const body = foldFlowLines(`${start}${foldedValue}${end}`, indent, FOLD_BLOCK, foldOptions);
    if (!literalFallback)
      return `>${header2}
${indent}${body}`;
  }
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header2}
${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
  const { type, value } = item;
  const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
  if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
    return quotedString(value, ctx);
  }
  if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
    return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
  }
  if (!implicitKey && !inFlow && type !== Scalar.PLAIN && value.includes("\n")) {
    return blockString(item, ctx, onComment, onChompKeep);
  }
  if (containsDocumentMarker(value)) {
    if (indent === "") {
      ctx.forceBlockIndent = true;
      return blockString(item, ctx, onComment, onChompKeep);
    } else if (implicitKey && indent === indentStep) {
      return quotedString(value, ctx);
    }
  }
  const str = value.replace(/\n+/g, `$&
${indent}`);
  if (actualString) {
    const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
    const { compat, tags } = ctx.doc.schema;
    if (tags.some(test) || compat?.some(test))
      return quotedString(value, ctx);
  }
  return implicitKey ? str : foldFlowLines(str, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
  const { implicitKey, inFlow } = ctx;
  const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
  let { type } = item;
  if (type !== Scalar.QUOTE_DOUBLE) {
    if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
      type = Scalar.QUOTE_DOUBLE;
  }
  const _stringify = (_type) => {
    switch (_type) {
      case Scalar.BLOCK_FOLDED:
      case Scalar.BLOCK_LITERAL:
        return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
      case Scalar.QUOTE_DOUBLE:
        return doubleQuotedString(ss.value, ctx);
      case Scalar.QUOTE_SINGLE:
        return singleQuotedString(ss.value, ctx);
      case Scalar.PLAIN:
        return plainString(ss, ctx, onComment, onChompKeep);
      default:
        return null;
    }
  };
  let res = _stringify(type);
  if (res === null) {
    const { defaultKeyType, defaultStringType } = ctx.options;
    const t = implicitKey && defaultKeyType || defaultStringType;
    res = _stringify(t);
    if (res === null)
      throw new Error(`Unsupported default string type ${t}`);
  }
  return res;
}

// node_modules/yaml/browser/dist/stringify/stringify.js
function createStringifyContext(doc, options) {
  const opt = Object.assign({
    blockQuote: true,
    commentString: stringifyComment,
    defaultKeyType: null,
    defaultStringType: "PLAIN",
    directives: null,
    doubleQuotedAsJSON: false,
    doubleQuotedMinMultiLineLength: 40,
    falseStr: "false",
    flowCollectionPadding: true,
    indentSeq: true,
    lineWidth: 80,
    minContentWidth: 20,
    nullStr: "null",
    simpleKeys: false,
    singleQuote: null,
    trailingComma: false,
    trueStr: "true",
    verifyAliasOrder: true
  }, doc.schema.toStringOptions, options);
  let inFlow;
  switch (opt.collectionStyle) {
    case "block":
      inFlow = false;
      break;
    case "flow":
      inFlow = true;
      break;
    default:
      inFlow = null;
  }
  return {
    anchors: /* @__PURE__ */ new Set(),
    doc,
    flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
    indent: "",
    indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
    inFlow,
    options: opt
  };
}
function getTagObject(tags, item) {
  if (item.tag) {
    const match = tags.filter((t) => t.tag === item.tag);
    if (match.length > 0)
      return match.find((t) => t.format === item.format) ?? match[0];
  }
  let tagObj = void 0;
  let obj;
  if (isScalar(item)) {
    obj = item.value;
    let match = tags.filter((t) => t.identify?.(obj));
    if (match.length > 1) {
      const testMatch = match.filter((t) => t.test);
      if (testMatch.length > 0)
        match = testMatch;
    }
    tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
  } else {
    obj = item;
    tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
  }
  if (!tagObj) {
    const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
    throw new Error(`Tag not resolved for ${name} value`);
  }
  return tagObj;
}
function stringifyProps(node, tagObj, { anchors, doc }) {
  if (!doc.directives)
    return "";
  const props = [];
  const anchor = (isScalar(node) || isCollection(node)) && node.anchor;
  if (anchor && anchorIsValid(anchor)) {
    anchors.add(anchor);
    props.push(`&${anchor}`);
  }
  const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
  if (tag)
    props.push(doc.directives.tagString(tag));
  return props.join(" ");
}
function stringify(item, ctx, onComment, onChompKeep) {
  if (isPair(item))
    return item.toString(ctx, onComment, onChompKeep);
  if (isAlias(item)) {
    if (ctx.doc.directives)
      return item.toString(ctx);
    if (ctx.resolvedAliases?.has(item)) {
      throw new TypeError(`Cannot stringify circular structure without alias nodes`);
    } else {
      if (ctx.resolvedAliases)
        ctx.resolvedAliases.add(item);
      else
        ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
      item = item.resolve(ctx.doc);
    }
  }
  let tagObj = void 0;
  const node = isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
  tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
  const props = stringifyProps(node, tagObj, ctx);
  if (props.length > 0)
    ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
  const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : isScalar(node) ? stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
  if (!props)
    return str;
  return isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
}

// node_modules/yaml/browser/dist/stringify/stringifyPair.js
function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
  const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
  let keyComment = isNode(key) && key.comment || null;
  if (simpleKeys) {
    if (keyComment) {
      throw new Error("With simple keys, key nodes cannot have comments");
    }
    if (isCollection(key) || !isNode(key) && typeof key === "object") {
      const msg = "With simple keys, collection cannot be used as a key value";
      throw new Error(msg);
    }
  }
  let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || isCollection(key) || (isScalar(key) ? key.type === Scalar.BLOCK_FOLDED || key.type === Scalar.BLOCK_LITERAL : typeof key === "object"));
  ctx = Object.assign({}, ctx, {
    allNullValues: false,
    implicitKey: !explicitKey && (simpleKeys || !allNullValues),
    indent: indent + indentStep
  });
  let keyCommentDone = false;
  let chompKeep = false;
  let str = stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
  if (!explicitKey && !ctx.inFlow && str.length > 1024) {
    if (simpleKeys)
      throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
    explicitKey = true;
  }
  if (ctx.inFlow) {
    if (allNullValues || value == null) {
      if (keyCommentDone && onComment)
        onComment();
      return str === "" ? "?" : explicitKey ? `? ${str}` : str;
    }
  } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
    str = `? ${str}`;
    if (keyComment && !keyCommentDone) {
      str += lineComment(str, ctx.indent, commentString(keyComment));
    } else if (chompKeep && onChompKeep)
      onChompKeep();
    return str;
  }
  if (keyCommentDone)
    keyComment = null;
  if (explicitKey) {
    if (keyComment)
      str += lineComment(str, ctx.indent, commentString(keyComment));
    str = `? ${str}
${indent}:`;
  } else {
    str = `${str}:`;
    if (keyComment)
      str += lineComment(str, ctx.indent, commentString(keyComment));
  }
  let vsb, vcb, valueComment;
  if (isNode(value)) {
    vsb = !!value.spaceBefore;
    vcb = value.commentBefore;
    valueComment = value.comment;
  } else {
    vsb = false;
    vcb = null;
    valueComment = null;
    if (value && typeof value === "object")
      value = doc.createNode(value);
  }
  ctx.implicitKey = false;
  if (!explicitKey && !keyComment && isScalar(value))
    ctx.indentAtStart = str.length + 1;
  chompKeep = false;
  if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && isSeq(value) && !value.flow && !value.tag && !value.anchor) {
    ctx.indent = ctx.indent.substring(2);
  }
  let valueCommentDone = false;
  const valueStr = stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
  let ws = " ";
  if (keyComment || vsb || vcb) {
    ws = vsb ? "\n" : "";
    if (vcb) {
      const cs = commentString(vcb);
      ws += `
${indentComment(cs, ctx.indent)}`;
    }
    if (valueStr === "" && !ctx.inFlow) {
      if (ws === "\n" && valueComment)
        ws = "\n\n";
    } else {
      ws += `
${ctx.indent}`;
    }
  } else if (!explicitKey && isCollection(value)) {
    const vs0 = valueStr[0];
    const nl0 = valueStr.indexOf("\n");
    const hasNewline = nl0 !== -1;
    const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
    if (hasNewline || !flow) {
      let hasPropsLine = false;
      if (hasNewline && (vs0 === "&" || vs0 === "!")) {
        let sp0 = valueStr.indexOf(" ");
        if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
          sp0 = valueStr.indexOf(" ", sp0 + 1);
        }
        if (sp0 === -1 || nl0 < sp0)
          hasPropsLine = true;
      }
      if (!hasPropsLine)
        ws = `
${ctx.indent}`;
    }
  } else if (valueStr === "" || valueStr[0] === "\n") {
    ws = "";
  }
  str += ws + valueStr;
  if (ctx.inFlow) {
    if (valueCommentDone && onComment)
      onComment();
  } else if (valueComment && !valueCommentDone) {
    str += lineComment(str, ctx.indent, commentString(valueComment));
  } else if (chompKeep && onChompKeep) {
    onChompKeep();
  }
  return str;
}

// node_modules/yaml/browser/dist/log.js
function warn(logLevel, warning) {
  if (logLevel === "debug" || logLevel === "warn") {
    console.warn(warning);
  }
}

// node_modules/yaml/browser/dist/schema/yaml-1.1/merge.js
var MERGE_KEY = "<<";
var merge = {
  identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
  default: "key",
  tag: "tag:yaml.org,2002:merge",
  test: /^<<$/,
  resolve: () => Object.assign(new Scalar(Symbol(MERGE_KEY)), {
    addToJSMap: addMergeToJSMap
  }),
  stringify: () => MERGE_KEY
};
var isMergeKey = (ctx, key) => (merge.identify(key) || isScalar(key) && (!key.type || key.type === Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map2, value) {
  const source = resolveAliasValue(ctx, value);
  if (isSeq(source))
    for (const it of source.items)
      mergeValue(ctx, map2, it);
  else if (Array.isArray(source))
    for (const it of source)
      mergeValue(ctx, map2, it);
  else
    mergeValue(ctx, map2, source);
}
function mergeValue(ctx, map2, value) {
  const source = resolveAliasValue(ctx, value);
  if (!isMap(source))
    throw new Error("Merge sources must be maps or map aliases");
  const srcMap = source.toJSON(null, ctx, Map);
  for (const [key, value2] of srcMap) {
    if (map2 instanceof Map) {
      if (!map2.has(key))
        map2.set(key, value2);
    } else if (map2 instanceof Set) {
      map2.add(key);
    } else if (!Object.prototype.hasOwnProperty.call(map2, key)) {
      Object.defineProperty(map2, key, {
        value: value2,
        writable: true,
        enumerable: true,
        configurable: true
      });
    }
  }
  return map2;
}
function resolveAliasValue(ctx, value) {
  return ctx && isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

// node_modules/yaml/browser/dist/nodes/addPairToJSMap.js
function addPairToJSMap(ctx, map2, { key, value }) {
  if (isNode(key) && key.addToJSMap)
    key.addToJSMap(ctx, map2, value);
  else if (isMergeKey(ctx, key))
    addMergeToJSMap(ctx, map2, value);
  else {
    const jsKey = toJS(key, "", ctx);
    if (map2 instanceof Map) {
      map2.set(jsKey, toJS(value, jsKey, ctx));
    } else if (map2 instanceof Set) {
      map2.add(jsKey);
    } else {
      const stringKey = stringifyKey(key, jsKey, ctx);
      const jsValue = toJS(value, stringKey, ctx);
      if (stringKey in map2)
        Object.defineProperty(map2, stringKey, {
          value: jsValue,
          writable: true,
          enumerable: true,
          configurable: true
        });
      else
        map2[stringKey] = jsValue;
    }
  }
  return map2;
}
function stringifyKey(key, jsKey, ctx) {
  if (jsKey === null)
    return "";
  if (typeof jsKey !== "object")
    return String(jsKey);
  if (isNode(key) && ctx?.doc) {
    const strCtx = createStringifyContext(ctx.doc, {});
    strCtx.anchors = /* @__PURE__ */ new Set();
    for (const node of ctx.anchors.keys())
      strCtx.anchors.add(node.anchor);
    strCtx.inFlow = true;
    strCtx.inStringifyKey = true;
    const strKey = key.toString(strCtx);
    if (!ctx.mapKeyWarned) {
      let jsonStr = JSON.stringify(strKey);
      if (jsonStr.length > 40)
        jsonStr = jsonStr.substring(0, 36) + '..."';
      warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
      ctx.mapKeyWarned = true;
    }
    return strKey;
  }
  return JSON.stringify(jsKey);
}

// node_modules/yaml/browser/dist/nodes/Pair.js
function createPair(key, value, ctx) {
  const k = createNode(key, void 0, ctx);
  const v = createNode(value, void 0, ctx);
  return new Pair(k, v);
}
var Pair = class _Pair {
  constructor(key, value = null) {
    Object.defineProperty(this, NODE_TYPE, { value: PAIR });
    this.key = key;
    this.value = value;
  }
  clone(schema4) {
    let { key, value } = this;
    if (isNode(key))
      key = key.clone(schema4);
    if (isNode(value))
      value = value.clone(schema4);
    return new _Pair(key, value);
  }
  toJSON(_, ctx) {
    const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
    return addPairToJSMap(ctx, pair, this);
  }
  toString(ctx, onComment, onChompKeep) {
    return ctx?.doc ? stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
  }
};

// node_modules/yaml/browser/dist/stringify/stringifyCollection.js
function stringifyCollection(collection, ctx, options) {
  const flow = ctx.inFlow ?? collection.flow;
  const stringify4 = flow ? stringifyFlowCollection : stringifyBlockCollection;
  return stringify4(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
  const { indent, options: { commentString } } = ctx;
  const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
  let chompKeep = false;
  const lines = [];
  for (let i = 0; i < items.length; ++i) {
    const item = items[i];
    let comment2 = null;
    if (isNode(item)) {
      if (!chompKeep && item.spaceBefore)
        lines.push("");
      addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
      if (item.comment)
        comment2 = item.comment;
    } else if (isPair(item)) {
      const ik = isNode(item.key) ? item.key : null;
      if (ik) {
        if (!chompKeep && ik.spaceBefore)
          lines.push("");
        addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
      }
    }
    chompKeep = false;
    let str2 = stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
    if (comment2)
      str2 += lineComment(str2, itemIndent, commentString(comment2));
    if (chompKeep && comment2)
      chompKeep = false;
    lines.push(blockItemPrefix + str2);
  }
  let str;
  if (lines.length === 0) {
    str = flowChars.start + flowChars.end;
  } else {
    str = lines[0];
    for (let i = 1; i < lines.length; ++i) {
      const line = lines[i];
      str += line ? `
${indent}${line}` : "\n";
    }
  }
  if (comment) {
    str += "\n" + indentComment(commentString(comment), indent);
    if (onComment)
      onComment();
  } else if (chompKeep && onChompKeep)
    onChompKeep();
  return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
  const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
  itemIndent += indentStep;
  const itemCtx = Object.assign({}, ctx, {
    indent: itemIndent,
    inFlow: true,
    type: null
  });
  let reqNewline = false;
  let linesAtValue = 0;
  const lines = [];
  for (let i = 0; i < items.length; ++i) {
    const item = items[i];
    let comment = null;
    if (isNode(item)) {
      if (item.spaceBefore)
        lines.push("");
      addCommentBefore(ctx, lines, item.commentBefore, false);
      if (item.comment)
        comment = item.comment;
    } else if (isPair(item)) {
      const ik = isNode(item.key) ? item.key : null;
      if (ik) {
        if (ik.spaceBefore)
          lines.push("");
        addCommentBefore(ctx, lines, ik.commentBefore, false);
        if (ik.comment)
          reqNewline = true;
      }
      const iv = isNode(item.value) ? item.value : null;
      if (iv) {
        if (iv.comment)
          comment = iv.comment;
        if (iv.commentBefore)
          reqNewline = true;
      } else if (item.value == null && ik?.comment) {
        comment = ik.comment;
      }
    }
    if (comment)
      reqNewline = true;
    let str = stringify(item, itemCtx, () => comment = null);
    reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
    if (i < items.length - 1) {
      str += ",";
    } else if (ctx.options.trailingComma) {
      if (ctx.options.lineWidth > 0) {
        reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
      }
      if (reqNewline) {
        str += ",";
      }
    }
    if (comment)
      str += lineComment(str, itemIndent, commentString(comment));
    lines.push(str);
    linesAtValue = lines.length;
  }
  const { start, end } = flowChars;
  if (lines.length === 0) {
    return start + end;
  } else {
    if (!reqNewline) {
      const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
      reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
    }
    if (reqNewline) {
      let str = start;
      for (const line of lines)
        str += line ? `
${indentStep}${indent}${line}` : "\n";
      return `${str}
${indent}${end}`;
    } else {
      return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
    }
  }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
  if (comment && chompKeep)
    comment = comment.replace(/^\n+/, "");
  if (comment) {
    const ic = indentComment(commentString(comment), indent);
    lines.push(ic.trimStart());
  }
}

// node_modules/yaml/browser/dist/nodes/YAMLMap.js
function findPair(items, key) {
  const k = isScalar(key) ? key.value : key;
  for (const it of items) {
    if (isPair(it)) {
      if (it.key === key || it.key === k)
        return it;
      if (isScalar(it.key) && it.key.value === k)
        return it;
    }
  }
  return void 0;
}
var YAMLMap = class extends Collection {
  static get tagName() {
    return "tag:yaml.org,2002:map";
  }
  constructor(schema4) {
    super(MAP, schema4);
    this.items = [];
  }
  /**
   * A generic collection parsing method that can be extended
   * to other node classes that inherit from YAMLMap
   */
  static from(schema4, obj, ctx) {
    const { keepUndefined, replacer } = ctx;
    const map2 = new this(schema4);
    const add = (key, value) => {
      if (typeof replacer === "function")
        value = replacer.call(obj, key, value);
      else if (Array.isArray(replacer) && !replacer.includes(key))
        return;
      if (value !== void 0 || keepUndefined)
        map2.items.push(createPair(key, value, ctx));
    };
    if (obj instanceof Map) {
      for (const [key, value] of obj)
        add(key, value);
    } else if (obj && typeof obj === "object") {
      for (const key of Object.keys(obj))
        add(key, obj[key]);
    }
    if (typeof schema4.sortMapEntries === "function") {
      map2.items.sort(schema4.sortMapEntries);
    }
    return map2;
  }
  /**
   * Adds a value to the collection.
   *
   * @param overwrite - If not set `true`, using a key that is already in the
   *   collection will throw. Otherwise, overwrites the previous value.
   */
  add(pair, overwrite) {
    let _pair;
    if (isPair(pair))
      _pair = pair;
    else if (!pair || typeof pair !== "object" || !("key" in pair)) {
      _pair = new Pair(pair, pair?.value);
    } else
      _pair = new Pair(pair.key, pair.value);
    const prev = findPair(this.items, _pair.key);
    const sortEntries = this.schema?.sortMapEntries;
    if (prev) {
      if (!overwrite)
        throw new Error(`Key ${_pair.key} already set`);
      if (isScalar(prev.value) && isScalarValue(_pair.value))
        prev.value.value = _pair.value;
      else
        prev.value = _pair.value;
    } else if (sortEntries) {
      const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
      if (i === -1)
        this.items.push(_pair);
      else
        this.items.splice(i, 0, _pair);
    } else {
      this.items.push(_pair);
    }
  }
  delete(key) {
    const it = findPair(this.items, key);
    if (!it)
      return false;
    const del = this.items.splice(this.items.indexOf(it), 1);
    return del.length > 0;
  }
  get(key, keepScalar) {
    const it = findPair(this.items, key);
    const node = it?.value;
    return (!keepScalar && isScalar(node) ? node.value : node) ?? void 0;
  }
  has(key) {
    return !!findPair(this.items, key);
  }
  set(key, value) {
    this.add(new Pair(key, value), true);
  }
  /**
   * @param ctx - Conversion context, originally set in Document#toJS()
   * @param {Class} Type - If set, forces the returned collection type
   * @returns Instance of Type, Map, or Object
   */
  toJSON(_, ctx, Type) {
    const map2 = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
    if (ctx?.onCreate)
      ctx.onCreate(map2);
    for (const item of this.items)
      addPairToJSMap(ctx, map2, item);
    return map2;
  }
  toString(ctx, onComment, onChompKeep) {
    if (!ctx)
      return JSON.stringify(this);
    for (const item of this.items) {
      if (!isPair(item))
        throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
    }
    if (!ctx.allNullValues && this.hasAllNullValues(false))
      ctx = Object.assign({}, ctx, { allNullValues: true });
    return stringifyCollection(this, ctx, {
      blockItemPrefix: "",
      flowChars: { start: "{", end: "}" },
      itemIndent: ctx.indent || "",
      onChompKeep,
      onComment
    });
  }
};

// node_modules/yaml/browser/dist/schema/common/map.js
var map = {
  collection: "map",
  default: true,
  nodeClass: YAMLMap,
  tag: "tag:yaml.org,2002:map",
  resolve(map2, onError) {
    if (!isMap(map2))
      onError("Expected a mapping for this tag");
    return map2;
  },
  createNode: (schema4, obj, ctx) => YAMLMap.from(schema4, obj, ctx)
};

// node_modules/yaml/browser/dist/nodes/YAMLSeq.js
var YAMLSeq = class extends Collection {
  static get tagName() {
    return "tag:yaml.org,2002:seq";
  }
  constructor(schema4) {
    super(SEQ, schema4);
    this.items = [];
  }
  add(value) {
    this.items.push(value);
  }
  /**
   * Removes a value from the collection.
   *
   * `key` must contain a representation of an integer for this to succeed.
   * It may be wrapped in a `Scalar`.
   *
   * @returns `true` if the item was found and removed.
   */
  delete(key) {
    const idx = asItemIndex(key);
    if (typeof idx !== "number")
      return false;
    const del = this.items.splice(idx, 1);
    return del.length > 0;
  }
  get(key, keepScalar) {
    const idx = asItemIndex(key);
    if (typeof idx !== "number")
      return void 0;
    const it = this.items[idx];
    return !keepScalar && isScalar(it) ? it.value : it;
  }
  /**
   * Checks if the collection includes a value with the key `key`.
   *
   * `key` must contain a representation of an integer for this to succeed.
   * It may be wrapped in a `Scalar`.
   */
  has(key) {
    const idx = asItemIndex(key);
    return typeof idx === "number" && idx < this.items.length;
  }
  /**
   * Sets a value in this collection. For `!!set`, `value` needs to be a
   * boolean to add/remove the item from the set.
   *
   * If `key` does not contain a representation of an integer, this will throw.
   * It may be wrapped in a `Scalar`.
   */
  set(key, value) {
    const idx = asItemIndex(key);
    if (typeof idx !== "number")
      throw new Error(`Expected a valid index, not ${key}.`);
    const prev = this.items[idx];
    if (isScalar(prev) && isScalarValue(value))
      prev.value = value;
    else
      this.items[idx] = value;
  }
  toJSON(_, ctx) {
    const seq2 = [];
    if (ctx?.onCreate)
      ctx.onCreate(seq2);
    let i = 0;
    for (const item of this.items)
      seq2.push(toJS(item, String(i++), ctx));
    return seq2;
  }
  toString(ctx, onComment, onChompKeep) {
    if (!ctx)
      return JSON.stringify(this);
    return stringifyCollection(this, ctx, {
      blockItemPrefix: "- ",
      flowChars: { start: "[", end: "]" },
      itemIndent: (ctx.indent || "") + "  ",
      onChompKeep,
      onComment
    });
  }
  static from(schema4, obj, ctx) {
    const { replacer } = ctx;
    const seq2 = new this(schema4);
    if (obj && Symbol.iterator in Object(obj)) {
      let i = 0;
      for (let it of obj) {
        if (typeof replacer === "function") {
          const key = obj instanceof Set ? it : String(i++);
          it = replacer.call(obj, key, it);
        }
        seq2.items.push(createNode(it, void 0, ctx));
      }
    }
    return seq2;
  }
};
function asItemIndex(key) {
  let idx = isScalar(key) ? key.value : key;
  if (idx && typeof idx === "string")
    idx = Number(idx);
  return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
}

// node_modules/yaml/browser/dist/schema/common/seq.js
var seq = {
  collection: "seq",
  default: true,
  nodeClass: YAMLSeq,
  tag: "tag:yaml.org,2002:seq",
  resolve(seq2, onError) {
    if (!isSeq(seq2))
      onError("Expected a sequence for this tag");
    return seq2;
  },
  createNode: (schema4, obj, ctx) => YAMLSeq.from(schema4, obj, ctx)
};

// node_modules/yaml/browser/dist/schema/common/string.js
var string = {
  identify: (value) => typeof value === "string",
  default: true,
  tag: "tag:yaml.org,2002:str",
  resolve: (str) => str,
  stringify(item, ctx, onComment, onChompKeep) {
    ctx = Object.assign({ actualString: true }, ctx);
    return stringifyString(item, ctx, onComment, onChompKeep);
  }
};

// node_modules/yaml/browser/dist/schema/common/null.js
var nullTag = {
  identify: (value) => value == null,
  createNode: () => new Scalar(null),
  default: true,
  tag: "tag:yaml.org,2002:null",
  test: /^(?:~|[Nn]ull|NULL)?$/,
  resolve: () => new Scalar(null),
  stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
};

// node_modules/yaml/browser/dist/schema/core/bool.js
var boolTag = {
  identify: (value) => typeof value === "boolean",
  default: true,
  tag: "tag:yaml.org,2002:bool",
  test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  resolve: (str) => new Scalar(str[0] === "t" || str[0] === "T"),
  stringify({ source, value }, ctx) {
    if (source && boolTag.test.test(source)) {
      const sv = source[0] === "t" || source[0] === "T";
      if (value === sv)
        return source;
    }
    return value ? ctx.options.trueStr : ctx.options.falseStr;
  }
};

// node_modules/yaml/browser/dist/stringify/stringifyNumber.js
function stringifyNumber({ format, minFractionDigits, tag, value }) {
  if (typeof value === "bigint")
    return String(value);
  const num = typeof value === "number" ? value : Number(value);
  if (!isFinite(num))
    return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
  let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
  if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
    let i = n.indexOf(".");
    if (i < 0) {
      i = n.length;
      n += ".";
    }
    let d = minFractionDigits - (n.length - i - 1);
    while (d-- > 0)
      n += "0";
  }
  return n;
}

// node_modules/yaml/browser/dist/schema/core/float.js
var floatNaN = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
  stringify: stringifyNumber
};
var floatExp = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  format: "EXP",
  test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  resolve: (str) => parseFloat(str),
  stringify(node) {
    const num = Number(node.value);
    return isFinite(num) ? num.toExponential() : stringifyNumber(node);
  }
};
var float = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  resolve(str) {
    const node = new Scalar(parseFloat(str));
    const dot = str.indexOf(".");
    if (dot !== -1 && str[str.length - 1] === "0")
      node.minFractionDigits = str.length - dot - 1;
    return node;
  },
  stringify: stringifyNumber
};

// node_modules/yaml/browser/dist/schema/core/int.js
var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
function intStringify(node, radix, prefix) {
  const { value } = node;
  if (intIdentify(value) && value >= 0)
    return prefix + value.toString(radix);
  return stringifyNumber(node);
}
var intOct = {
  identify: (value) => intIdentify(value) && value >= 0,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "OCT",
  test: /^0o[0-7]+$/,
  resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
  stringify: (node) => intStringify(node, 8, "0o")
};
var int = {
  identify: intIdentify,
  default: true,
  tag: "tag:yaml.org,2002:int",
  test: /^[-+]?[0-9]+$/,
  resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
  stringify: stringifyNumber
};
var intHex = {
  identify: (value) => intIdentify(value) && value >= 0,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "HEX",
  test: /^0x[0-9a-fA-F]+$/,
  resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
  stringify: (node) => intStringify(node, 16, "0x")
};

// node_modules/yaml/browser/dist/schema/core/schema.js
var schema = [
  map,
  seq,
  string,
  nullTag,
  boolTag,
  intOct,
  int,
  intHex,
  floatNaN,
  floatExp,
  float
];

// node_modules/yaml/browser/dist/schema/json/schema.js
function intIdentify2(value) {
  return typeof value === "bigint" || Number.isInteger(value);
}
var stringifyJSON = ({ value }) => JSON.stringify(value);
var jsonScalars = [
  {
    identify: (value) => typeof value === "string",
    default: true,
    tag: "tag:yaml.org,2002:str",
    resolve: (str) => str,
    stringify: stringifyJSON
  },
  {
    identify: (value) => value == null,
    createNode: () => new Scalar(null),
    default: true,
    tag: "tag:yaml.org,2002:null",
    test: /^null$/,
    resolve: () => null,
    stringify: stringifyJSON
  },
  {
    identify: (value) => typeof value === "boolean",
    default: true,
    tag: "tag:yaml.org,2002:bool",
    test: /^true$|^false$/,
    resolve: (str) => str === "true",
    stringify: stringifyJSON
  },
  {
    identify: intIdentify2,
    default: true,
    tag: "tag:yaml.org,2002:int",
    test: /^-?(?:0|[1-9][0-9]*)$/,
    resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
    stringify: ({ value }) => intIdentify2(value) ? value.toString() : JSON.stringify(value)
  },
  {
    identify: (value) => typeof value === "number",
    default: true,
    tag: "tag:yaml.org,2002:float",
    test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
    resolve: (str) => parseFloat(str),
    stringify: stringifyJSON
  }
];
var jsonError = {
  default: true,
  tag: "",
  test: /^/,
  resolve(str, onError) {
    onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
    return str;
  }
};
var schema2 = [map, seq].concat(jsonScalars, jsonError);

// node_modules/yaml/browser/dist/schema/yaml-1.1/binary.js
var binary = {
  identify: (value) => value instanceof Uint8Array,
  // Buffer inherits from Uint8Array
  default: false,
  tag: "tag:yaml.org,2002:binary",
  /**
   * Returns a Buffer in node and an Uint8Array in browsers
   *
   * To use the resulting buffer as an image, you'll want to do something like:
   *
   *   const blob = new Blob([buffer], { type: 'image/jpeg' })
   *   document.querySelector('#photo').src = URL.createObjectURL(blob)
   */
  resolve(src, onError) {
    if (typeof atob === "function") {
      const str = atob(src.replace(/[\n\r]/g, ""));
      const buffer = new Uint8Array(str.length);
      for (let i = 0; i < str.length; ++i)
        buffer[i] = str.charCodeAt(i);
      return buffer;
    } else {
      onError("This environment does not support reading binary tags; either Buffer or atob is required");
      return src;
    }
  },
  stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
    if (!value)
      return "";
    const buf = value;
    let str;
    if (typeof btoa === "function") {
      let s = "";
      for (let i = 0; i < buf.length; ++i)
        s += String.fromCharCode(buf[i]);
      str = btoa(s);
    } else {
      throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
    }
    type ?? (type = Scalar.BLOCK_LITERAL);
    if (type !== Scalar.QUOTE_DOUBLE) {
      const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
      const n = Math.ceil(str.length / lineWidth);
      const lines = new Array(n);
      for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
        lines[i] = str.substr(o, lineWidth);
      }
      str = lines.join(type === Scalar.BLOCK_LITERAL ? "\n" : " ");
    }
    return stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
  }
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/pairs.js
function resolvePairs(seq2, onError) {
  if (isSeq(seq2)) {
    for (let i = 0; i < seq2.items.length; ++i) {
      let item = seq2.items[i];
      if (isPair(item))
        continue;
      else if (isMap(item)) {
        if (item.items.length > 1)
          onError("Each pair must have its own sequence indicator");
        const pair = item.items[0] || new Pair(new Scalar(null));
        if (item.commentBefore)
          pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
        if (item.comment) {
          const cn = pair.value ?? pair.key;
          cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
        }
        item = pair;
      }
      seq2.items[i] = isPair(item) ? item : new Pair(item);
    }
  } else
    onError("Expected a sequence for this tag");
  return seq2;
}
function createPairs(schema4, iterable, ctx) {
  const { replacer } = ctx;
  const pairs2 = new YAMLSeq(schema4);
  pairs2.tag = "tag:yaml.org,2002:pairs";
  let i = 0;
  if (iterable && Symbol.iterator in Object(iterable))
    for (let it of iterable) {
      if (typeof replacer === "function")
        it = replacer.call(iterable, String(i++), it);
      let key, value;
      if (Array.isArray(it)) {
        if (it.length === 2) {
          key = it[0];
          value = it[1];
        } else
          throw new TypeError(`Expected [key, value] tuple: ${it}`);
      } else if (it && it instanceof Object) {
        const keys = Object.keys(it);
        if (keys.length === 1) {
          key = keys[0];
          value = it[key];
        } else {
          throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
        }
      } else {
        key = it;
      }
      pairs2.items.push(createPair(key, value, ctx));
    }
  return pairs2;
}
var pairs = {
  collection: "seq",
  default: false,
  tag: "tag:yaml.org,2002:pairs",
  resolve: resolvePairs,
  createNode: createPairs
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/omap.js
var YAMLOMap = class _YAMLOMap extends YAMLSeq {
  constructor() {
    super();
    this.add = YAMLMap.prototype.add.bind(this);
    this.delete = YAMLMap.prototype.delete.bind(this);
    this.get = YAMLMap.prototype.get.bind(this);
    this.has = YAMLMap.prototype.has.bind(this);
    this.set = YAMLMap.prototype.set.bind(this);
    this.tag = _YAMLOMap.tag;
  }
  /**
   * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
   * but TypeScript won't allow widening the signature of a child method.
   */
  toJSON(_, ctx) {
    if (!ctx)
      return super.toJSON(_);
    const map2 = /* @__PURE__ */ new Map();
    if (ctx?.onCreate)
      ctx.onCreate(map2);
    for (const pair of this.items) {
      let key, value;
      if (isPair(pair)) {
        key = toJS(pair.key, "", ctx);
        value = toJS(pair.value, key, ctx);
      } else {
        key = toJS(pair, "", ctx);
      }
      if (map2.has(key))
        throw new Error("Ordered maps must not include duplicate keys");
      map2.set(key, value);
    }
    return map2;
  }
  static from(schema4, iterable, ctx) {
    const pairs2 = createPairs(schema4, iterable, ctx);
    const omap2 = new this();
    omap2.items = pairs2.items;
    return omap2;
  }
};
YAMLOMap.tag = "tag:yaml.org,2002:omap";
var omap = {
  collection: "seq",
  identify: (value) => value instanceof Map,
  nodeClass: YAMLOMap,
  default: false,
  tag: "tag:yaml.org,2002:omap",
  resolve(seq2, onError) {
    const pairs2 = resolvePairs(seq2, onError);
    const seenKeys = [];
    for (const { key } of pairs2.items) {
      if (isScalar(key)) {
        if (seenKeys.includes(key.value)) {
          onError(`Ordered maps must not include duplicate keys: ${key.value}`);
        } else {
          seenKeys.push(key.value);
        }
      }
    }
    return Object.assign(new YAMLOMap(), pairs2);
  },
  createNode: (schema4, iterable, ctx) => YAMLOMap.from(schema4, iterable, ctx)
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/bool.js
function boolStringify({ value, source }, ctx) {
  const boolObj = value ? trueTag : falseTag;
  if (source && boolObj.test.test(source))
    return source;
  return value ? ctx.options.trueStr : ctx.options.falseStr;
}
var trueTag = {
  identify: (value) => value === true,
  default: true,
  tag: "tag:yaml.org,2002:bool",
  test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  resolve: () => new Scalar(true),
  stringify: boolStringify
};
var falseTag = {
  identify: (value) => value === false,
  default: true,
  tag: "tag:yaml.org,2002:bool",
  test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => new Scalar(false),
  stringify: boolStringify
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/float.js
var floatNaN2 = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
  stringify: stringifyNumber
};
var floatExp2 = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  format: "EXP",
  test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  resolve: (str) => parseFloat(str.replace(/_/g, "")),
  stringify(node) {
    const num = Number(node.value);
    return isFinite(num) ? num.toExponential() : stringifyNumber(node);
  }
};
var float2 = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  resolve(str) {
    const node = new Scalar(parseFloat(str.replace(/_/g, "")));
    const dot = str.indexOf(".");
    if (dot !== -1) {
      const f = str.substring(dot + 1).replace(/_/g, "");
      if (f[f.length - 1] === "0")
        node.minFractionDigits = f.length;
    }
    return node;
  },
  stringify: stringifyNumber
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/int.js
var intIdentify3 = (value) => typeof value === "bigint" || Number.isInteger(value);
function intResolve2(str, offset, radix, { intAsBigInt }) {
  const sign = str[0];
  if (sign === "-" || sign === "+")
    offset += 1;
  str = str.substring(offset).replace(/_/g, "");
  if (intAsBigInt) {
    switch (radix) {
      case 2:
        str = `0b${str}`;
        break;
      case 8:
        str = `0o${str}`;
        break;
      case 16:
        str = `0x${str}`;
        break;
    }
    const n2 = BigInt(str);
    return sign === "-" ? BigInt(-1) * n2 : n2;
  }
  const n = parseInt(str, radix);
  return sign === "-" ? -1 * n : n;
}
function intStringify2(node, radix, prefix) {
  const { value } = node;
  if (intIdentify3(value)) {
    const str = value.toString(radix);
    return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
  }
  return stringifyNumber(node);
}
var intBin = {
  identify: intIdentify3,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "BIN",
  test: /^[-+]?0b[0-1_]+$/,
  resolve: (str, _onError, opt) => intResolve2(str, 2, 2, opt),
  stringify: (node) => intStringify2(node, 2, "0b")
};
var intOct2 = {
  identify: intIdentify3,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "OCT",
  test: /^[-+]?0[0-7_]+$/,
  resolve: (str, _onError, opt) => intResolve2(str, 1, 8, opt),
  stringify: (node) => intStringify2(node, 8, "0")
};
var int2 = {
  identify: intIdentify3,
  default: true,
  tag: "tag:yaml.org,2002:int",
  test: /^[-+]?[0-9][0-9_]*$/,
  resolve: (str, _onError, opt) => intResolve2(str, 0, 10, opt),
  stringify: stringifyNumber
};
var intHex2 = {
  identify: intIdentify3,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "HEX",
  test: /^[-+]?0x[0-9a-fA-F_]+$/,
  resolve: (str, _onError, opt) => intResolve2(str, 2, 16, opt),
  stringify: (node) => intStringify2(node, 16, "0x")
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/set.js
var YAMLSet = class _YAMLSet extends YAMLMap {
  constructor(schema4) {
    super(schema4);
    this.tag = _YAMLSet.tag;
  }
  add(key) {
    let pair;
    if (isPair(key))
      pair = key;
    else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
      pair = new Pair(key.key, null);
    else
      pair = new Pair(key, null);
    const prev = findPair(this.items, pair.key);
    if (!prev)
      this.items.push(pair);
  }
  /**
   * If `keepPair` is `true`, returns the Pair matching `key`.
   * Otherwise, returns the value of that Pair's key.
   */
  get(key, keepPair) {
    const pair = findPair(this.items, key);
    return !keepPair && isPair(pair) ? isScalar(pair.key) ? pair.key.value : pair.key : pair;
  }
  set(key, value) {
    if (typeof value !== "boolean")
      throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
    const prev = findPair(this.items, key);
    if (prev && !value) {
      this.items.splice(this.items.indexOf(prev), 1);
    } else if (!prev && value) {
      this.items.push(new Pair(key));
    }
  }
  toJSON(_, ctx) {
    return super.toJSON(_, ctx, Set);
  }
  toString(ctx, onComment, onChompKeep) {
    if (!ctx)
      return JSON.stringify(this);
    if (this.hasAllNullValues(true))
      return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
    else
      throw new Error("Set items must all have null values");
  }
  static from(schema4, iterable, ctx) {
    const { replacer } = ctx;
    const set2 = new this(schema4);
    if (iterable && Symbol.iterator in Object(iterable))
      for (let value of iterable) {
        if (typeof replacer === "function")
          value = replacer.call(iterable, value, value);
        set2.items.push(createPair(value, null, ctx));
      }
    return set2;
  }
};
YAMLSet.tag = "tag:yaml.org,2002:set";
var set = {
  collection: "map",
  identify: (value) => value instanceof Set,
  nodeClass: YAMLSet,
  default: false,
  tag: "tag:yaml.org,2002:set",
  createNode: (schema4, iterable, ctx) => YAMLSet.from(schema4, iterable, ctx),
  resolve(map2, onError) {
    if (isMap(map2)) {
      if (map2.hasAllNullValues(true))
        return Object.assign(new YAMLSet(), map2);
      else
        onError("Set items must all have null values");
    } else
      onError("Expected a mapping for this tag");
    return map2;
  }
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/timestamp.js
function parseSexagesimal(str, asBigInt) {
  const sign = str[0];
  const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
  const num = (n) => asBigInt ? BigInt(n) : Number(n);
  const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
  return sign === "-" ? num(-1) * res : res;
}
function stringifySexagesimal(node) {
  let { value } = node;
  let num = (n) => n;
  if (typeof value === "bigint")
    num = (n) => BigInt(n);
  else if (isNaN(value) || !isFinite(value))
    return stringifyNumber(node);
  let sign = "";
  if (value < 0) {
    sign = "-";
    value *= num(-1);
  }
  const _60 = num(60);
  const parts = [value % _60];
  if (value < 60) {
    parts.unshift(0);
  } else {
    value = (value - parts[0]) / _60;
    parts.unshift(value % _60);
    if (value >= 60) {
      value = (value - parts[0]) / _60;
      parts.unshift(value);
    }
  }
  return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
}
var intTime = {
  identify: (value) => typeof value === "bigint" || Number.isInteger(value),
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "TIME",
  test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
  stringify: stringifySexagesimal
};
var floatTime = {
  identify: (value) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  format: "TIME",
  test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  resolve: (str) => parseSexagesimal(str, false),
  stringify: stringifySexagesimal
};
var timestamp = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "tag:yaml.org,2002:timestamp",
  // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
  // may be omitted altogether, resulting in a date format. In such a case, the time part is
  // assumed to be 00:00:00Z (start of day, UTC).
  test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
  resolve(str) {
    const match = str.match(timestamp.test);
    if (!match)
      throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
    const [, year, month, day, hour, minute, second] = match.map(Number);
    const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
    let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
    const tz = match[8];
    if (tz && tz !== "Z") {
      let d = parseSexagesimal(tz, false);
      if (Math.abs(d) < 30)
        d *= 60;
      date -= 6e4 * d;
    }
    return new Date(date);
  },
  stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
};

// node_modules/yaml/browser/dist/schema/yaml-1.1/schema.js
var schema3 = [
  map,
  seq,
  string,
  nullTag,
  trueTag,
  falseTag,
  intBin,
  intOct2,
  int2,
  intHex2,
  floatNaN2,
  floatExp2,
  float2,
  binary,
  merge,
  omap,
  pairs,
  set,
  intTime,
  floatTime,
  timestamp
];

// node_modules/yaml/browser/dist/schema/tags.js
var schemas = /* @__PURE__ */ new Map([
  ["core", schema],
  ["failsafe", [map, seq, string]],
  ["json", schema2],
  ["yaml11", schema3],
  ["yaml-1.1", schema3]
]);
var tagsByName = {
  binary,
  bool: boolTag,
  float,
  floatExp,
  floatNaN,
  floatTime,
  int,
  intHex,
  intOct,
  intTime,
  map,
  merge,
  null: nullTag,
  omap,
  pairs,
  seq,
  set,
  timestamp
};
var coreKnownTags = {
  "tag:yaml.org,2002:binary": binary,
  "tag:yaml.org,2002:merge": merge,
  "tag:yaml.org,2002:omap": omap,
  "tag:yaml.org,2002:pairs": pairs,
  "tag:yaml.org,2002:set": set,
  "tag:yaml.org,2002:timestamp": timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
  const schemaTags = schemas.get(schemaName);
  if (schemaTags && !customTags) {
    return addMergeTag && !schemaTags.includes(merge) ? schemaTags.concat(merge) : schemaTags.slice();
  }
  let tags = schemaTags;
  if (!tags) {
    if (Array.isArray(customTags))
      tags = [];
    else {
      const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
      throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
    }
  }
  if (Array.isArray(customTags)) {
    for (const tag of customTags)
      tags = tags.concat(tag);
  } else if (typeof customTags === "function") {
    tags = customTags(tags.slice());
  }
  if (addMergeTag)
    tags = tags.concat(merge);
  return tags.reduce((tags2, tag) => {
    const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
    if (!tagObj) {
      const tagName = JSON.stringify(tag);
      const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
      throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
    }
    if (!tags2.includes(tagObj))
      tags2.push(tagObj);
    return tags2;
  }, []);
}

// node_modules/yaml/browser/dist/schema/Schema.js
var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
var Schema = class _Schema {
  constructor({ compat, customTags, merge: merge2, resolveKnownTags, schema: schema4, sortMapEntries, toStringDefaults }) {
    this.compat = Array.isArray(compat) ? getTags(compat, "compat") : compat ? getTags(null, compat) : null;
    this.name = typeof schema4 === "string" && schema4 || "core";
    this.knownTags = resolveKnownTags ? coreKnownTags : {};
    this.tags = getTags(customTags, this.name, merge2);
    this.toStringOptions = toStringDefaults ?? null;
    Object.defineProperty(this, MAP, { value: map });
    Object.defineProperty(this, SCALAR, { value: string });
    Object.defineProperty(this, SEQ, { value: seq });
    this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
  }
  clone() {
    const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
    copy.tags = this.tags.slice();
    return copy;
  }
};

// node_modules/yaml/browser/dist/stringify/stringifyDocument.js
function stringifyDocument(doc, options) {
  const lines = [];
  let hasDirectives = options.directives === true;
  if (options.directives !== false && doc.directives) {
    const dir = doc.directives.toString(doc);
    if (dir) {
      lines.push(dir);
      hasDirectives = true;
    } else if (doc.directives.docStart)
      hasDirectives = true;
  }
  if (hasDirectives)
    lines.push("---");
  const ctx = createStringifyContext(doc, options);
  const { commentString } = ctx.options;
  if (doc.commentBefore) {
    if (lines.length !== 1)
      lines.unshift("");
    const cs = commentString(doc.commentBefore);
    lines.unshift(indentComment(cs, ""));
  }
  let chompKeep = false;
  let contentComment = null;
  if (doc.contents) {
    if (isNode(doc.contents)) {
      if (doc.contents.spaceBefore && hasDirectives)
        lines.push("");
      if (doc.contents.commentBefore) {
        const cs = commentString(doc.contents.commentBefore);
        lines.push(indentComment(cs, ""));
      }
      ctx.forceBlockIndent = !!doc.comment;
      contentComment = doc.contents.comment;
    }
    const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
    let body = stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
    if (contentComment)
      body += lineComment(body, "", commentString(contentComment));
    if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
      lines[lines.length - 1] = `--- ${body}`;
    } else
      lines.push(body);
  } else {
    lines.push(stringify(doc.contents, ctx));
  }
  if (doc.directives?.docEnd) {
    if (doc.comment) {
      const cs = commentString(doc.comment);
      if (cs.includes("\n")) {
        lines.push("...");
        lines.push(indentComment(cs, ""));
      } else {
        lines.push(`... ${cs}`);
      }
    } else {
      lines.push("...");
    }
  } else {
    let dc = doc.comment;
    if (dc && chompKeep)
      dc = dc.replace(/^\n+/, "");
    if (dc) {
      if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
        lines.push("");
      lines.push(indentComment(commentString(dc), ""));
    }
  }
  return lines.join("\n") + "\n";
}

// node_modules/yaml/browser/dist/doc/Document.js
var Document = class _Document {
  constructor(value, replacer, options) {
    this.commentBefore = null;
    this.comment = null;
    this.errors = [];
    this.warnings = [];
    Object.defineProperty(this, NODE_TYPE, { value: DOC });
    let _replacer = null;
    if (typeof replacer === "function" || Array.isArray(replacer)) {
      _replacer = replacer;
    } else if (options === void 0 && replacer) {
      options = replacer;
      replacer = void 0;
    }
    const opt = Object.assign({
      intAsBigInt: false,
      keepSourceTokens: false,
      logLevel: "warn",
      prettyErrors: true,
      strict: true,
      stringKeys: false,
      uniqueKeys: true,
      version: "1.2"
    }, options);
    this.options = opt;
    let { version } = opt;
    if (options?._directives) {
      this.directives = options._directives.atDocument();
      if (this.directives.yaml.explicit)
        version = this.directives.yaml.version;
    } else
      this.directives = new Directives({ version });
    this.setSchema(version, options);
    this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
  }
  /**
   * Create a deep copy of this Document and its contents.
   *
   * Custom Node values that inherit from `Object` still refer to their original instances.
   */
  clone() {
    const copy = Object.create(_Document.prototype, {
      [NODE_TYPE]: { value: DOC }
    });
    copy.commentBefore = this.commentBefore;
    copy.comment = this.comment;
    copy.errors = this.errors.slice();
    copy.warnings = this.warnings.slice();
    copy.options = Object.assign({}, this.options);
    if (this.directives)
      copy.directives = this.directives.clone();
    copy.schema = this.schema.clone();
    copy.contents = isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
    if (this.range)
      copy.range = this.range.slice();
    return copy;
  }
  /** Adds a value to the document. */
  add(value) {
    if (assertCollection(this.contents))
      this.contents.add(value);
  }
  /** Adds a value to the document. */
  addIn(path22, value) {
    if (assertCollection(this.contents))
      this.contents.addIn(path22, value);
  }
  /**
   * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
   *
   * If `node` already has an anchor, `name` is ignored.
   * Otherwise, the `node.anchor` value will be set to `name`,
   * or if an anchor with that name is already present in the document,
   * `name` will be used as a prefix for a new unique anchor.
   * If `name` is undefined, the generated anchor will use 'a' as a prefix.
   */
  createAlias(node, name) {
    if (!node.anchor) {
      const prev = anchorNames(this);
      node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
      !name || prev.has(name) ? findNewAnchor(name || "a", prev) : name;
    }
    return new Alias(node.anchor);
  }
  createNode(value, replacer, options) {
    let _replacer = void 0;
    if (typeof replacer === "function") {
      value = replacer.call({ "": value }, "", value);
      _replacer = replacer;
    } else if (Array.isArray(replacer)) {
      const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
      const asStr = replacer.filter(keyToStr).map(String);
      if (asStr.length > 0)
        replacer = replacer.concat(asStr);
      _replacer = replacer;
    } else if (options === void 0 && replacer) {
      options = replacer;
      replacer = void 0;
    }
    const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
    const { onAnchor, setAnchors, sourceObjects } = createNodeAnchors(
      this,
      // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
      anchorPrefix || "a"
    );
    const ctx = {
      aliasDuplicateObjects: aliasDuplicateObjects ?? true,
      keepUndefined: keepUndefined ?? false,
      onAnchor,
      onTagObj,
      replacer: _replacer,
      schema: this.schema,
      sourceObjects
    };
    const node = createNode(value, tag, ctx);
    if (flow && isCollection(node))
      node.flow = true;
    setAnchors();
    return node;
  }
  /**
   * Convert a key and a value into a `Pair` using the current schema,
   * recursively wrapping all values as `Scalar` or `Collection` nodes.
   */
  createPair(key, value, options = {}) {
    const k = this.createNode(key, null, options);
    const v = this.createNode(value, null, options);
    return new Pair(k, v);
  }
  /**
   * Removes a value from the document.
   * @returns `true` if the item was found and removed.
   */
  delete(key) {
    return assertCollection(this.contents) ? this.contents.delete(key) : false;
  }
  /**
   * Removes a value from the document.
   * @returns `true` if the item was found and removed.
   */
  deleteIn(path22) {
    if (isEmptyPath(path22)) {
      if (this.contents == null)
        return false;
      this.contents = null;
      return true;
    }
    return assertCollection(this.contents) ? this.contents.deleteIn(path22) : false;
  }
  /**
   * Returns item at `key`, or `undefined` if not found. By default unwraps
   * scalar values from their surrounding node; to disable set `keepScalar` to
   * `true` (collections are always returned intact).
   */
  get(key, keepScalar) {
    return isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
  }
  /**
   * Returns item at `path`, or `undefined` if not found. By default unwraps
   * scalar values from their surrounding node; to disable set `keepScalar` to
   * `true` (collections are always returned intact).
   */
  getIn(path22, keepScalar) {
    if (isEmptyPath(path22))
      return !keepScalar && isScalar(this.contents) ? this.contents.value : this.contents;
    return isCollection(this.contents) ? this.contents.getIn(path22, keepScalar) : void 0;
  }
  /**
   * Checks if the document includes a value with the key `key`.
   */
  has(key) {
    return isCollection(this.contents) ? this.contents.has(key) : false;
  }
  /**
   * Checks if the document includes a value at `path`.
   */
  hasIn(path22) {
    if (isEmptyPath(path22))
      return this.contents !== void 0;
    return isCollection(this.contents) ? this.contents.hasIn(path22) : false;
  }
  /**
   * Sets a value in this document. For `!!set`, `value` needs to be a
   * boolean to add/remove the item from the set.
   */
  set(key, value) {
    if (this.contents == null) {
      this.contents = collectionFromPath(this.schema, [key], value);
    } else if (assertCollection(this.contents)) {
      this.contents.set(key, value);
    }
  }
  /**
   * Sets a value in this document. For `!!set`, `value` needs to be a
   * boolean to add/remove the item from the set.
   */
  setIn(path22, value) {
    if (isEmptyPath(path22)) {
      this.contents = value;
    } else if (this.contents == null) {
      this.contents = collectionFromPath(this.schema, Array.from(path22), value);
    } else if (assertCollection(this.contents)) {
      this.contents.setIn(path22, value);
    }
  }
  /**
   * Change the YAML version and schema used by the document.
   * A `null` version disables support for directives, explicit tags, anchors, and aliases.
   * It also requires the `schema` option to be given as a `Schema` instance value.
   *
   * Overrides all previously set schema options.
   */
  setSchema(version, options = {}) {
    if (typeof version === "number")
      version = String(version);
    let opt;
    switch (version) {
      case "1.1":
        if (this.directives)
          this.directives.yaml.version = "1.1";
        else
          this.directives = new Directives({ version: "1.1" });
        opt = { resolveKnownTags: false, schema: "yaml-1.1" };
        break;
      case "1.2":
      case "next":
        if (this.directives)
          this.directives.yaml.version = version;
        else
          this.directives = new Directives({ version });
        opt = { resolveKnownTags: true, schema: "core" };
        break;
      case null:
        if (this.directives)
          delete this.directives;
        opt = null;
        break;
      default: {
        const sv = JSON.stringify(version);
        throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
      }
    }
    if (options.schema instanceof Object)
      this.schema = options.schema;
    else if (opt)
      this.schema = new Schema(Object.assign(opt, options));
    else
      throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
  }
  // json & jsonArg are only used from toJSON()
  toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
    const ctx = {
      anchors: /* @__PURE__ */ new Map(),
      doc: this,
      keep: !json,
      mapAsMap: mapAsMap === true,
      mapKeyWarned: false,
      maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
    };
    const res = toJS(this.contents, jsonArg ?? "", ctx);
    if (typeof onAnchor === "function")
      for (const { count, res: res2 } of ctx.anchors.values())
        onAnchor(res2, count);
    return typeof reviver === "function" ? applyReviver(reviver, { "": res }, "", res) : res;
  }
  /**
   * A JSON representation of the document `contents`.
   *
   * @param jsonArg Used by `JSON.stringify` to indicate the array index or
   *   property name.
   */
  toJSON(jsonArg, onAnchor) {
    return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
  }
  /** A YAML representation of the document. */
  toString(options = {}) {
    if (this.errors.length > 0)
      throw new Error("Document with errors cannot be stringified");
    if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
      const s = JSON.stringify(options.indent);
      throw new Error(`"indent" option must be a positive integer, not ${s}`);
    }
    return stringifyDocument(this, options);
  }
};
function assertCollection(contents) {
  if (isCollection(contents))
    return true;
  throw new Error("Expected a YAML collection as document contents");
}

// node_modules/yaml/browser/dist/errors.js
var YAMLError = class extends Error {
  constructor(name, pos, code, message) {
    super();
    this.name = name;
    this.code = code;
    this.message = message;
    this.pos = pos;
  }
};
var YAMLParseError = class extends YAMLError {
  constructor(pos, code, message) {
    super("YAMLParseError", pos, code, message);
  }
};
var YAMLWarning = class extends YAMLError {
  constructor(pos, code, message) {
    super("YAMLWarning", pos, code, message);
  }
};
var prettifyError = (src, lc) => (error) => {
  if (error.pos[0] === -1)
    return;
  error.linePos = error.pos.map((pos) => lc.linePos(pos));
  const { line, col } = error.linePos[0];
  error.message += ` at line ${line}, column ${col}`;
  let ci = col - 1;
  let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
  if (ci >= 60 && lineStr.length > 80) {
    const trimStart = Math.min(ci - 39, lineStr.length - 79);
    lineStr = "\u2026" + lineStr.substring(trimStart);
    ci -= trimStart - 1;
  }
  if (lineStr.length > 80)
    lineStr = lineStr.substring(0, 79) + "\u2026";
  if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
    let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
    if (prev.length > 80)
      prev = prev.substring(0, 79) + "\u2026\n";
    lineStr = prev + lineStr;
  }
  if (/[^ ]/.test(lineStr)) {
    let count = 1;
    const end = error.linePos[1];
    if (end?.line === line && end.col > col) {
      count = Math.max(1, Math.min(end.col - col, 80 - ci));
    }
    const pointer = " ".repeat(ci) + "^".repeat(count);
    error.message += `:

${lineStr}
${pointer}
`;
  }
};

// node_modules/yaml/browser/dist/compose/resolve-props.js
function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = "";
  let commentSep = "";
  let hasNewline = false;
  let reqSpace = false;
  let tab = null;
  let anchor = null;
  let tag = null;
  let newlineAfterProp = null;
  let comma = null;
  let found = null;
  let start = null;
  for (const token of tokens) {
    if (reqSpace) {
      if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
        onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      reqSpace = false;
    }
    if (tab) {
      if (atNewline && token.type !== "comment" && token.type !== "newline") {
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      }
      tab = null;
    }
    switch (token.type) {
      case "space":
        if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
          tab = token;
        }
        hasSpace = true;
        break;
      case "comment": {
        if (!hasSpace)
          onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
        const cb = token.source.substring(1) || " ";
        if (!comment)
          comment = cb;
        else
          comment += commentSep + cb;
        commentSep = "";
        atNewline = false;
        break;
      }
      case "newline":
        if (atNewline) {
          if (comment)
            comment += token.source;
          else if (!found || indicator !== "seq-item-ind")
            spaceBefore = true;
        } else
          commentSep += token.source;
        atNewline = true;
        hasNewline = true;
        if (anchor || tag)
          newlineAfterProp = token;
        hasSpace = true;
        break;
      case "anchor":
        if (anchor)
          onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
        if (token.source.endsWith(":"))
          onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
        anchor = token;
        start ?? (start = token.offset);
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case "tag": {
        if (tag)
          onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
        tag = token;
        start ?? (start = token.offset);
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      }
      case indicator:
        if (anchor || tag)
          onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
        if (found)
          onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
        found = token;
        atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
        hasSpace = false;
        break;
      case "comma":
        if (flow) {
          if (comma)
            onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
          comma = token;
          atNewline = false;
          hasSpace = false;
          break;
        }
      // else fallthrough
      default:
        onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
        atNewline = false;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
    onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
  }
  if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
    onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
  return {
    comma,
    found,
    spaceBefore,
    comment,
    hasNewline,
    anchor,
    tag,
    newlineAfterProp,
    end,
    start: start ?? end
  };
}

// node_modules/yaml/browser/dist/compose/util-contains-newline.js
function containsNewline(key) {
  if (!key)
    return null;
  switch (key.type) {
    case "alias":
    case "scalar":
    case "double-quoted-scalar":
    case "single-quoted-scalar":
      if (key.source.includes("\n"))
        return true;
      if (key.end) {
        for (const st of key.end)
          if (st.type === "newline")
            return true;
      }
      return false;
    case "flow-collection":
      for (const it of key.items) {
        for (const st of it.start)
          if (st.type === "newline")
            return true;
        if (it.sep) {
          for (const st of it.sep)
            if (st.type === "newline")
              return true;
        }
        if (containsNewline(it.key) || containsNewline(it.value))
          return true;
      }
      return false;
    default:
      return true;
  }
}

// node_modules/yaml/browser/dist/compose/util-flow-indent-check.js
function flowIndentCheck(indent, fc, onError) {
  if (fc?.type === "flow-collection") {
    const end = fc.end[0];
    if (end.indent === indent && (end.source === "]" || end.source === "}") && containsNewline(fc)) {
      const msg = "Flow end indicator should be more indented than parent";
      onError(end, "BAD_INDENT", msg, true);
    }
  }
}

// node_modules/yaml/browser/dist/compose/util-map-includes.js
function mapIncludes(ctx, items, search) {
  const { uniqueKeys } = ctx.options;
  if (uniqueKeys === false)
    return false;
  const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || isScalar(a) && isScalar(b) && a.value === b.value;
  return items.some((pair) => isEqual(pair.key, search));
}

// node_modules/yaml/browser/dist/compose/resolve-block-map.js
var startColMsg = "All mapping items must start at the same column";
function resolveBlockMap({ composeNode: composeNode2, composeEmptyNode: composeEmptyNode2 }, ctx, bm, onError, tag) {
  const NodeClass = tag?.nodeClass ?? YAMLMap;
  const map2 = new NodeClass(ctx.schema);
  if (ctx.atRoot)
    ctx.atRoot = false;
  let offset = bm.offset;
  let commentEnd = null;
  for (const collItem of bm.items) {
    const { start, key, sep, value } = collItem;
    const keyProps = resolveProps(start, {
      indicator: "explicit-key-ind",
      next: key ?? sep?.[0],
      offset,
      onError,
      parentIndent: bm.indent,
      startOnNewline: true
    });
    const implicitKey = !keyProps.found;
    if (implicitKey) {
      if (key) {
        if (key.type === "block-seq")
          onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
        else if ("indent" in key && key.indent !== bm.indent)
          onError(offset, "BAD_INDENT", startColMsg);
      }
      if (!keyProps.anchor && !keyProps.tag && !sep) {
        commentEnd = keyProps.end;
        if (keyProps.comment) {
          if (map2.comment)
            map2.comment += "\n" + keyProps.comment;
          else
            map2.comment = keyProps.comment;
        }
        continue;
      }
      if (keyProps.newlineAfterProp || containsNewline(key)) {
        onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
      }
    } else if (keyProps.found?.indent !== bm.indent) {
      onError(offset, "BAD_INDENT", startColMsg);
    }
    ctx.atKey = true;
    const keyStart = keyProps.end;
    const keyNode = key ? composeNode2(ctx, key, keyProps, onError) : composeEmptyNode2(ctx, keyStart, start, null, keyProps, onError);
    if (ctx.schema.compat)
      flowIndentCheck(bm.indent, key, onError);
    ctx.atKey = false;
    if (mapIncludes(ctx, map2.items, keyNode))
      onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
    const valueProps = resolveProps(sep ?? [], {
      indicator: "map-value-ind",
      next: value,
      offset: keyNode.range[2],
      onError,
      parentIndent: bm.indent,
      startOnNewline: !key || key.type === "block-scalar"
    });
    offset = valueProps.end;
    if (valueProps.found) {
      if (implicitKey) {
        if (value?.type === "block-map" && !valueProps.hasNewline)
          onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
        if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
          onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
      }
      const valueNode = value ? composeNode2(ctx, value, valueProps, onError) : composeEmptyNode2(ctx, offset, sep, null, valueProps, onError);
      if (ctx.schema.compat)
        flowIndentCheck(bm.indent, value, onError);
      offset = valueNode.range[2];
      const pair = new Pair(keyNode, valueNode);
      if (ctx.options.keepSourceTokens)
        pair.srcToken = collItem;
      map2.items.push(pair);
    } else {
      if (implicitKey)
        onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
      if (valueProps.comment) {
        if (keyNode.comment)
          keyNode.comment += "\n" + valueProps.comment;
        else
          keyNode.comment = valueProps.comment;
      }
      const pair = new Pair(keyNode);
      if (ctx.options.keepSourceTokens)
        pair.srcToken = collItem;
      map2.items.push(pair);
    }
  }
  if (commentEnd && commentEnd < offset)
    onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
  map2.range = [bm.offset, offset, commentEnd ?? offset];
  return map2;
}

// node_modules/yaml/browser/dist/compose/resolve-block-seq.js
function resolveBlockSeq({ composeNode: composeNode2, composeEmptyNode: composeEmptyNode2 }, ctx, bs, onError, tag) {
  const NodeClass = tag?.nodeClass ?? YAMLSeq;
  const seq2 = new NodeClass(ctx.schema);
  if (ctx.atRoot)
    ctx.atRoot = false;
  if (ctx.atKey)
    ctx.atKey = false;
  let offset = bs.offset;
  let commentEnd = null;
  for (const { start, value } of bs.items) {
    const props = resolveProps(start, {
      indicator: "seq-item-ind",
      next: value,
      offset,
      onError,
      parentIndent: bs.indent,
      startOnNewline: true
    });
    if (!props.found) {
      if (props.anchor || props.tag || value) {
        if (value?.type === "block-seq")
          onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
        else
          onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
      } else {
        commentEnd = props.end;
        if (props.comment)
          seq2.comment = props.comment;
        continue;
      }
    }
    const node = value ? composeNode2(ctx, value, props, onError) : composeEmptyNode2(ctx, props.end, start, null, props, onError);
    if (ctx.schema.compat)
      flowIndentCheck(bs.indent, value, onError);
    offset = node.range[2];
    seq2.items.push(node);
  }
  seq2.range = [bs.offset, offset, commentEnd ?? offset];
  return seq2;
}

// node_modules/yaml/browser/dist/compose/resolve-end.js
function resolveEnd(end, offset, reqSpace, onError) {
  let comment = "";
  if (end) {
    let hasSpace = false;
    let sep = "";
    for (const token of end) {
      const { source, type } = token;
      switch (type) {
        case "space":
          hasSpace = true;
          break;
        case "comment": {
          if (reqSpace && !hasSpace)
            onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
          const cb = source.substring(1) || " ";
          if (!comment)
            comment = cb;
          else
            comment += sep + cb;
          sep = "";
          break;
        }
        case "newline":
          if (comment)
            sep += source;
          hasSpace = true;
          break;
        default:
          onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
      }
      offset += source.length;
    }
  }
  return { comment, offset };
}

// node_modules/yaml/browser/dist/compose/resolve-flow-collection.js
var blockMsg = "Block collections are not allowed within flow collections";
var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
function resolveFlowCollection({ composeNode: composeNode2, composeEmptyNode: composeEmptyNode2 }, ctx, fc, onError, tag) {
  const isMap2 = fc.start.source === "{";
  const fcName = isMap2 ? "flow map" : "flow sequence";
  const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap : YAMLSeq);
  const coll = new NodeClass(ctx.schema);
  coll.flow = true;
  const atRoot = ctx.atRoot;
  if (atRoot)
    ctx.atRoot = false;
  if (ctx.atKey)
    ctx.atKey = false;
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const collItem = fc.items[i];
    const { start, key, sep, value } = collItem;
    const props = resolveProps(start, {
      flow: fcName,
      indicator: "explicit-key-ind",
      next: key ?? sep?.[0],
      offset,
      onError,
      parentIndent: fc.indent,
      startOnNewline: false
    });
    if (!props.found) {
      if (!props.anchor && !props.tag && !sep && !value) {
        if (i === 0 && props.comma)
          onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        else if (i < fc.items.length - 1)
          onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
        if (props.comment) {
          if (coll.comment)
            coll.comment += "\n" + props.comment;
          else
            coll.comment = props.comment;
        }
        offset = props.end;
        continue;
      }
      if (!isMap2 && ctx.options.strict && containsNewline(key))
        onError(
          key,
          // checked by containsNewline()
          "MULTILINE_IMPLICIT_KEY",
          "Implicit keys of flow sequence pairs need to be on a single line"
        );
    }
    if (i === 0) {
      if (props.comma)
        onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
    } else {
      if (!props.comma)
        onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
      if (props.comment) {
        let prevItemComment = "";
        loop: for (const st of start) {
          switch (st.type) {
            case "comma":
            case "space":
              break;
            case "comment":
              prevItemComment = st.source.substring(1);
              break loop;
            default:
              break loop;
          }
        }
        if (prevItemComment) {
          let prev = coll.items[coll.items.length - 1];
          if (isPair(prev))
            prev = prev.value ?? prev.key;
          if (prev.comment)
            prev.comment += "\n" + prevItemComment;
          else
            prev.comment = prevItemComment;
          props.comment = props.comment.substring(prevItemComment.length + 1);
        }
      }
    }
    if (!isMap2 && !sep && !props.found) {
      const valueNode = value ? composeNode2(ctx, value, props, onError) : composeEmptyNode2(ctx, props.end, sep, null, props, onError);
      coll.items.push(valueNode);
      offset = valueNode.range[2];
      if (isBlock(value))
        onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
    } else {
      ctx.atKey = true;
      const keyStart = props.end;
      const keyNode = key ? composeNode2(ctx, key, props, onError) : composeEmptyNode2(ctx, keyStart, start, null, props, onError);
      if (isBlock(key))
        onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
      ctx.atKey = false;
      const valueProps = resolveProps(sep ?? [], {
        flow: fcName,
        indicator: "map-value-ind",
        next: value,
        offset: keyNode.range[2],
        onError,
        parentIndent: fc.indent,
        startOnNewline: false
      });
      if (valueProps.found) {
        if (!isMap2 && !props.found && ctx.options.strict) {
          if (sep)
            for (const st of sep) {
              if (st === valueProps.found)
                break;
              if (st.type === "newline") {
                onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                break;
              }
            }
          if (props.start < valueProps.found.offset - 1024)
            onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
        }
      } else if (value) {
        if ("source" in value && value.source?.[0] === ":")
          onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
        else
          onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
      }
      const valueNode = value ? composeNode2(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode2(ctx, valueProps.end, sep, null, valueProps, onError) : null;
      if (valueNode) {
        if (isBlock(value))
          onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
      } else if (valueProps.comment) {
        if (keyNode.comment)
          keyNode.comment += "\n" + valueProps.comment;
        else
          keyNode.comment = valueProps.comment;
      }
      const pair = new Pair(keyNode, valueNode);
      if (ctx.options.keepSourceTokens)
        pair.srcToken = collItem;
      if (isMap2) {
        const map2 = coll;
        if (mapIncludes(ctx, map2.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        map2.items.push(pair);
      } else {
        const map2 = new YAMLMap(ctx.schema);
        map2.flow = true;
        map2.items.push(pair);
        const endRange = (valueNode ?? keyNode).range;
        map2.range = [keyNode.range[0], endRange[1], endRange[2]];
        coll.items.push(map2);
      }
      offset = valueNode ? valueNode.range[2] : valueProps.end;
    }
  }
  const expectedEnd = isMap2 ? "}" : "]";
  const [ce, ...ee] = fc.end;
  let cePos = offset;
  if (ce?.source === expectedEnd)
    cePos = ce.offset + ce.source.length;
  else {
    const name = fcName[0].toUpperCase() + fcName.substring(1);
    const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
    onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
    if (ce && ce.source.length !== 1)
      ee.unshift(ce);
  }
  if (ee.length > 0) {
    const end = resolveEnd(ee, cePos, ctx.options.strict, onError);
    if (end.comment) {
      if (coll.comment)
        coll.comment += "\n" + end.comment;
      else
        coll.comment = end.comment;
    }
    coll.range = [fc.offset, cePos, end.offset];
  } else {
    coll.range = [fc.offset, cePos, cePos];
  }
  return coll;
}

// node_modules/yaml/browser/dist/compose/compose-collection.js
function resolveCollection(CN2, ctx, token, onError, tagName, tag) {
  const coll = token.type === "block-map" ? resolveBlockMap(CN2, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq(CN2, ctx, token, onError, tag) : resolveFlowCollection(CN2, ctx, token, onError, tag);
  const Coll = coll.constructor;
  if (tagName === "!" || tagName === Coll.tagName) {
    coll.tag = Coll.tagName;
    return coll;
  }
  if (tagName)
    coll.tag = tagName;
  return coll;
}
function composeCollection(CN2, ctx, token, props, onError) {
  const tagToken = props.tag;
  const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
  if (token.type === "block-seq") {
    const { anchor, newlineAfterProp: nl } = props;
    const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
    if (lastProp && (!nl || nl.offset < lastProp.offset)) {
      const message = "Missing newline after block sequence props";
      onError(lastProp, "MISSING_CHAR", message);
    }
  }
  const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
  if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.tagName && expType === "seq") {
    return resolveCollection(CN2, ctx, token, onError, tagName);
  }
  let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
  if (!tag) {
    const kt = ctx.schema.knownTags[tagName];
    if (kt?.collection === expType) {
      ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
      tag = kt;
    } else {
      if (kt) {
        onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
      } else {
        onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
      }
      return resolveCollection(CN2, ctx, token, onError, tagName);
    }
  }
  const coll = resolveCollection(CN2, ctx, token, onError, tagName, tag);
  const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
  const node = isNode(res) ? res : new Scalar(res);
  node.range = coll.range;
  node.tag = tagName;
  if (tag?.format)
    node.format = tag.format;
  return node;
}

// node_modules/yaml/browser/dist/compose/resolve-block-scalar.js
function resolveBlockScalar(ctx, scalar, onError) {
  const start = scalar.offset;
  const header2 = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
  if (!header2)
    return { value: "", type: null, comment: "", range: [start, start, start] };
  const type = header2.mode === ">" ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
  const lines = scalar.source ? splitLines(scalar.source) : [];
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === "" || content === "\r")
      chompStart = i;
    else
      break;
  }
  if (chompStart === 0) {
    const value2 = header2.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
    let end2 = start + header2.length;
    if (scalar.source)
      end2 += scalar.source.length;
    return { value: value2, type, comment: header2.comment, range: [start, end2, end2] };
  }
  let trimIndent = scalar.indent + header2.indent;
  let offset = scalar.offset + header2.length;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === "" || content === "\r") {
      if (header2.indent === 0 && indent.length > trimIndent)
        trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) {
        const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
        onError(offset + indent.length, "MISSING_CHAR", message);
      }
      if (header2.indent === 0)
        trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0 && !ctx.atRoot) {
        const message = "Block scalar values in collections must be indented";
        onError(offset, "BAD_INDENT", message);
      }
      break;
    }
    offset += indent.length + content.length + 1;
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent)
      chompStart = i + 1;
  }
  let value = "";
  let sep = "";
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i)
    value += lines[i][0].slice(trimIndent) + "\n";
  for (let i = contentStart; i < chompStart; ++i) {
    let [indent, content] = lines[i];
    offset += indent.length + content.length + 1;
    const crlf = content[content.length - 1] === "\r";
    if (crlf)
      content = content.slice(0, -1);
    if (content && indent.length < trimIndent) {
      const src = header2.indent ? "explicit indentation indicator" : "first line";
      const message = `Block scalar lines must not be less indented than their ${src}`;
      onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
      indent = "";
    }
    if (type === Scalar.BLOCK_LITERAL) {
      value += sep + indent.slice(trimIndent) + content;
      sep = "\n";
    } else if (indent.length > trimIndent || content[0] === "	") {
      if (sep === " ")
        sep = "\n";
      else if (!prevMoreIndented && sep === "\n")
        sep = "\n\n";
      value += sep + indent.slice(trimIndent) + content;
      sep = "\n";
      prevMoreIndented = true;
    } else if (content === "") {
      if (sep === "\n")
        value += "\n";
      else
        sep = "\n";
    } else {
      value += sep + content;
      sep = " ";
      prevMoreIndented = false;
    }
  }
  switch (header2.chomp) {
    case "-":
      break;
    case "+":
      for (let i = chompStart; i < lines.length; ++i)
        value += "\n" + lines[i][0].slice(trimIndent);
      if (value[value.length - 1] !== "\n")
        value += "\n";
      break;
    default:
      value += "\n";
  }
  const end = start + header2.length + scalar.source.length;
  return { value, type, comment: header2.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
  if (props[0].type !== "block-scalar-header") {
    onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
    return null;
  }
  const { source } = props[0];
  const mode = source[0];
  let indent = 0;
  let chomp = "";
  let error = -1;
  for (let i = 1; i < source.length; ++i) {
    const ch = source[i];
    if (!chomp && (ch === "-" || ch === "+"))
      chomp = ch;
    else {
      const n = Number(ch);
      if (!indent && n)
        indent = n;
      else if (error === -1)
        error = offset + i;
    }
  }
  if (error !== -1)
    onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
  let hasSpace = false;
  let comment = "";
  let length = source.length;
  for (let i = 1; i < props.length; ++i) {
    const token = props[i];
    switch (token.type) {
      case "space":
        hasSpace = true;
      // fallthrough
      case "newline":
        length += token.source.length;
        break;
      case "comment":
        if (strict && !hasSpace) {
          const message = "Comments must be separated from other tokens by white space characters";
          onError(token, "MISSING_CHAR", message);
        }
        length += token.source.length;
        comment = token.source.substring(1);
        break;
      case "error":
        onError(token, "UNEXPECTED_TOKEN", token.message);
        length += token.source.length;
        break;
      /* istanbul ignore next should not happen */
      default: {
        const message = `Unexpected token in block scalar header: ${token.type}`;
        onError(token, "UNEXPECTED_TOKEN", message);
        const ts = token.source;
        if (ts && typeof ts === "string")
          length += ts.length;
      }
    }
  }
  return { mode, indent, chomp, comment, length };
}
function splitLines(source) {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = first.match(/^( *)/);
  const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
  const lines = [line0];
  for (let i = 1; i < split.length; i += 2)
    lines.push([split[i], split[i + 1]]);
  return lines;
}

// node_modules/yaml/browser/dist/compose/resolve-flow-scalar.js
function resolveFlowScalar(scalar, strict, onError) {
  const { offset, type, source, end } = scalar;
  let _type;
  let value;
  const _onError = (rel2, code, msg) => onError(offset + rel2, code, msg);
  switch (type) {
    case "scalar":
      _type = Scalar.PLAIN;
      value = plainValue(source, _onError);
      break;
    case "single-quoted-scalar":
      _type = Scalar.QUOTE_SINGLE;
      value = singleQuotedValue(source, _onError);
      break;
    case "double-quoted-scalar":
      _type = Scalar.QUOTE_DOUBLE;
      value = doubleQuotedValue(source, _onError);
      break;
    /* istanbul ignore next should not happen */
    default:
      onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
      return {
        value: "",
        type: null,
        comment: "",
        range: [offset, offset + source.length, offset + source.length]
      };
  }
  const valueEnd = offset + source.length;
  const re = resolveEnd(end, valueEnd, strict, onError);
  return {
    value,
    type: _type,
    comment: re.comment,
    range: [offset, valueEnd, re.offset]
  };
}
function plainValue(source, onError) {
  let badChar = "";
  switch (source[0]) {
    /* istanbul ignore next should not happen */
    case "	":
      badChar = "a tab character";
      break;
    case ",":
      badChar = "flow indicator character ,";
      break;
    case "%":
      badChar = "directive indicator character %";
      break;
    case "|":
    case ">": {
      badChar = `block scalar indicator ${source[0]}`;
      break;
    }
    case "@":
    case "`": {
      badChar = `reserved character ${source[0]}`;
      break;
    }
  }
  if (badChar)
    onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
  return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
  if (source[source.length - 1] !== "'" || source.length === 1)
    onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
  return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match)
    return source;
  let trimEnd, trimBoth;
  try {
    trimEnd = new RegExp("(?<![ 	])[ 	]+$");
    trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
  } catch {
    trimEnd = /[ \t]+$/;
    trimBoth = /^[ \t]+|[ \t]+$/g;
  }
  let res = match[1].replace(trimEnd, "");
  let sep = " ";
  let pos = line.lastIndex;
  while (match = line.exec(source)) {
    const lm = match[1].replace(trimBoth, "");
    if (lm === "") {
      if (sep === "\n")
        res += sep;
      else
        sep = "\n";
    } else {
      res += sep + lm;
      sep = " ";
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  match = last.exec(source);
  return res + sep + (match?.[1] ?? "");
}
function doubleQuotedValue(source, onError) {
  let res = "";
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i];
    if (ch === "\r" && source[i + 1] === "\n")
      continue;
    if (ch === "\n") {
      const { fold, offset } = foldNewline(source, i);
      res += fold;
      i = offset;
    } else if (ch === "\\") {
      let next = source[++i];
      const cc = escapeCodes[next];
      if (cc)
        res += cc;
      else if (next === "\n") {
        next = source[i + 1];
        while (next === " " || next === "	")
          next = source[++i + 1];
      } else if (next === "\r" && source[i + 1] === "\n") {
        next = source[++i + 1];
        while (next === " " || next === "	")
          next = source[++i + 1];
      } else if (next === "x" || next === "u" || next === "U") {
        const length = next === "x" ? 2 : next === "u" ? 4 : 8;
        res += parseCharCode(source, i + 1, length, onError);
        i += length;
      } else {
        const raw = source.substr(i - 1, 2);
        onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        res += raw;
      }
    } else if (ch === " " || ch === "	") {
      const wsStart = i;
      let next = source[i + 1];
      while (next === " " || next === "	")
        next = source[++i + 1];
      if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
        res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
    } else {
      res += ch;
    }
  }
  if (source[source.length - 1] !== '"' || source.length === 1)
    onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
  return res;
}
function foldNewline(source, offset) {
  let fold = "";
  let ch = source[offset + 1];
  while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
    if (ch === "\r" && source[offset + 2] !== "\n")
      break;
    if (ch === "\n")
      fold += "\n";
    offset += 1;
    ch = source[offset + 1];
  }
  if (!fold)
    fold = " ";
  return { fold, offset };
}
var escapeCodes = {
  "0": "\0",
  // null character
  a: "\x07",
  // bell character
  b: "\b",
  // backspace
  e: "\x1B",
  // escape character
  f: "\f",
  // form feed
  n: "\n",
  // line feed
  r: "\r",
  // carriage return
  t: "	",
  // horizontal tab
  v: "\v",
  // vertical tab
  N: "\x85",
  // Unicode next line
  _: "\xA0",
  // Unicode non-breaking space
  L: "\u2028",
  // Unicode line separator
  P: "\u2029",
  // Unicode paragraph separator
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  "	": "	"
};
function parseCharCode(source, offset, length, onError) {
  const cc = source.substr(offset, length);
  const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
  const code = ok ? parseInt(cc, 16) : NaN;
  try {
    return String.fromCodePoint(code);
  } catch {
    const raw = source.substr(offset - 2, length + 2);
    onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
    return raw;
  }
}

// node_modules/yaml/browser/dist/compose/compose-scalar.js
function composeScalar(ctx, token, tagToken, onError) {
  const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar(ctx, token, onError) : resolveFlowScalar(token, ctx.options.strict, onError);
  const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
  let tag;
  if (ctx.options.stringKeys && ctx.atKey) {
    tag = ctx.schema[SCALAR];
  } else if (tagName)
    tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
  else if (token.type === "scalar")
    tag = findScalarTagByTest(ctx, value, token, onError);
  else
    tag = ctx.schema[SCALAR];
  let scalar;
  try {
    const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
    scalar = isScalar(res) ? res : new Scalar(res);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
    scalar = new Scalar(value);
  }
  scalar.range = range;
  scalar.source = value;
  if (type)
    scalar.type = type;
  if (tagName)
    scalar.tag = tagName;
  if (tag.format)
    scalar.format = tag.format;
  if (comment)
    scalar.comment = comment;
  return scalar;
}
function findScalarTagByName(schema4, value, tagName, tagToken, onError) {
  if (tagName === "!")
    return schema4[SCALAR];
  const matchWithTest = [];
  for (const tag of schema4.tags) {
    if (!tag.collection && tag.tag === tagName) {
      if (tag.default && tag.test)
        matchWithTest.push(tag);
      else
        return tag;
    }
  }
  for (const tag of matchWithTest)
    if (tag.test?.test(value))
      return tag;
  const kt = schema4.knownTags[tagName];
  if (kt && !kt.collection) {
    schema4.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
    return kt;
  }
  onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
  return schema4[SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema: schema4 }, value, token, onError) {
  const tag = schema4.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema4[SCALAR];
  if (schema4.compat) {
    const compat = schema4.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema4[SCALAR];
    if (tag.tag !== compat.tag) {
      const ts = directives.tagString(tag.tag);
      const cs = directives.tagString(compat.tag);
      const msg = `Value may be parsed as either ${ts} or ${cs}`;
      onError(token, "TAG_RESOLVE_FAILED", msg, true);
    }
  }
  return tag;
}

// node_modules/yaml/browser/dist/compose/util-empty-scalar-position.js
function emptyScalarPosition(offset, before, pos) {
  if (before) {
    pos ?? (pos = before.length);
    for (let i = pos - 1; i >= 0; --i) {
      let st = before[i];
      switch (st.type) {
        case "space":
        case "comment":
        case "newline":
          offset -= st.source.length;
          continue;
      }
      st = before[++i];
      while (st?.type === "space") {
        offset += st.source.length;
        st = before[++i];
      }
      break;
    }
  }
  return offset;
}

// node_modules/yaml/browser/dist/compose/compose-node.js
var CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
  const atKey = ctx.atKey;
  const { spaceBefore, comment, anchor, tag } = props;
  let node;
  let isSrcToken = true;
  switch (token.type) {
    case "alias":
      node = composeAlias(ctx, token, onError);
      if (anchor || tag)
        onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
      break;
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
    case "block-scalar":
      node = composeScalar(ctx, token, tag, onError);
      if (anchor)
        node.anchor = anchor.source.substring(1);
      break;
    case "block-map":
    case "block-seq":
    case "flow-collection":
      try {
        node = composeCollection(CN, ctx, token, props, onError);
        if (anchor)
          node.anchor = anchor.source.substring(1);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        onError(token, "RESOURCE_EXHAUSTION", message);
      }
      break;
    default: {
      const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
      onError(token, "UNEXPECTED_TOKEN", message);
      isSrcToken = false;
    }
  }
  node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
  if (anchor && node.anchor === "")
    onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
  if (atKey && ctx.options.stringKeys && (!isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
    const msg = "With stringKeys, all keys must be strings";
    onError(tag ?? token, "NON_STRING_KEY", msg);
  }
  if (spaceBefore)
    node.spaceBefore = true;
  if (comment) {
    if (token.type === "scalar" && token.source === "")
      node.comment = comment;
    else
      node.commentBefore = comment;
  }
  if (ctx.options.keepSourceTokens && isSrcToken)
    node.srcToken = token;
  return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
  const token = {
    type: "scalar",
    offset: emptyScalarPosition(offset, before, pos),
    indent: -1,
    source: ""
  };
  const node = composeScalar(ctx, token, tag, onError);
  if (anchor) {
    node.anchor = anchor.source.substring(1);
    if (node.anchor === "")
      onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
  }
  if (spaceBefore)
    node.spaceBefore = true;
  if (comment) {
    node.comment = comment;
    node.range[2] = end;
  }
  return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
  const alias = new Alias(source.substring(1));
  if (alias.source === "")
    onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
  if (alias.source.endsWith(":"))
    onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
  const valueEnd = offset + source.length;
  const re = resolveEnd(end, valueEnd, options.strict, onError);
  alias.range = [offset, valueEnd, re.offset];
  if (re.comment)
    alias.comment = re.comment;
  return alias;
}

// node_modules/yaml/browser/dist/compose/compose-doc.js
function composeDoc(options, directives, { offset, start, value, end }, onError) {
  const opts = Object.assign({ _directives: directives }, options);
  const doc = new Document(void 0, opts);
  const ctx = {
    atKey: false,
    atRoot: true,
    directives: doc.directives,
    options: doc.options,
    schema: doc.schema
  };
  const props = resolveProps(start, {
    indicator: "doc-start",
    next: value ?? end?.[0],
    offset,
    onError,
    parentIndent: 0,
    startOnNewline: true
  });
  if (props.found) {
    doc.directives.docStart = true;
    if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
      onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
  }
  doc.contents = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
  const contentEnd = doc.contents.range[2];
  const re = resolveEnd(end, contentEnd, false, onError);
  if (re.comment)
    doc.comment = re.comment;
  doc.range = [offset, contentEnd, re.offset];
  return doc;
}

// node_modules/yaml/browser/dist/compose/composer.js
function getErrorPos(src) {
  if (typeof src === "number")
    return [src, src + 1];
  if (Array.isArray(src))
    return src.length === 2 ? src : [src[0], src[1]];
  const { offset, source } = src;
  return [offset, offset + (typeof source === "string" ? source.length : 1)];
}
function parsePrelude(prelude) {
  let comment = "";
  let atComment = false;
  let afterEmptyLine = false;
  for (let i = 0; i < prelude.length; ++i) {
    const source = prelude[i];
    switch (source[0]) {
      case "#":
        comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
        atComment = true;
        afterEmptyLine = false;
        break;
      case "%":
        if (prelude[i + 1]?.[0] !== "#")
          i += 1;
        atComment = false;
        break;
      default:
        if (!atComment)
          afterEmptyLine = true;
        atComment = false;
    }
  }
  return { comment, afterEmptyLine };
}
var Composer = class {
  constructor(options = {}) {
    this.doc = null;
    this.atDirectives = false;
    this.prelude = [];
    this.errors = [];
    this.warnings = [];
    this.onError = (source, code, message, warning) => {
      const pos = getErrorPos(source);
      if (warning)
        this.warnings.push(new YAMLWarning(pos, code, message));
      else
        this.errors.push(new YAMLParseError(pos, code, message));
    };
    this.directives = new Directives({ version: options.version || "1.2" });
    this.options = options;
  }
  decorate(doc, afterDoc) {
    const { comment, afterEmptyLine } = parsePrelude(this.prelude);
    if (comment) {
      const dc = doc.contents;
      if (afterDoc) {
        doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
      } else if (afterEmptyLine || doc.directives.docStart || !dc) {
        doc.commentBefore = comment;
      } else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
        let it = dc.items[0];
        if (isPair(it))
          it = it.key;
        const cb = it.commentBefore;
        it.commentBefore = cb ? `${comment}
${cb}` : comment;
      } else {
        const cb = dc.commentBefore;
        dc.commentBefore = cb ? `${comment}
${cb}` : comment;
      }
    }
    if (afterDoc) {
      for (let i = 0; i < this.errors.length; ++i)
        doc.errors.push(this.errors[i]);
      for (let i = 0; i < this.warnings.length; ++i)
        doc.warnings.push(this.warnings[i]);
    } else {
      doc.errors = this.errors;
      doc.warnings = this.warnings;
    }
    this.prelude = [];
    this.errors = [];
    this.warnings = [];
  }
  /**
   * Current stream status information.
   *
   * Mostly useful at the end of input for an empty stream.
   */
  streamInfo() {
    return {
      comment: parsePrelude(this.prelude).comment,
      directives: this.directives,
      errors: this.errors,
      warnings: this.warnings
    };
  }
  /**
   * Compose tokens into documents.
   *
   * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
   * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
   */
  *compose(tokens, forceDoc = false, endOffset = -1) {
    for (const token of tokens)
      yield* this.next(token);
    yield* this.end(forceDoc, endOffset);
  }
  /** Advance the composer by one CST token. */
  *next(token) {
    switch (token.type) {
      case "directive":
        this.directives.add(token.source, (offset, message, warning) => {
          const pos = getErrorPos(token);
          pos[0] += offset;
          this.onError(pos, "BAD_DIRECTIVE", message, warning);
        });
        this.prelude.push(token.source);
        this.atDirectives = true;
        break;
      case "document": {
        const doc = composeDoc(this.options, this.directives, token, this.onError);
        if (this.atDirectives && !doc.directives.docStart)
          this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
        this.decorate(doc, false);
        if (this.doc)
          yield this.doc;
        this.doc = doc;
        this.atDirectives = false;
        break;
      }
      case "byte-order-mark":
      case "space":
        break;
      case "comment":
      case "newline":
        this.prelude.push(token.source);
        break;
      case "error": {
        const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
        const error = new YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
        if (this.atDirectives || !this.doc)
          this.errors.push(error);
        else
          this.doc.errors.push(error);
        break;
      }
      case "doc-end": {
        if (!this.doc) {
          const msg = "Unexpected doc-end without preceding document";
          this.errors.push(new YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
          break;
        }
        this.doc.directives.docEnd = true;
        const end = resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
        this.decorate(this.doc, true);
        if (end.comment) {
          const dc = this.doc.comment;
          this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
        }
        this.doc.range[2] = end.offset;
        break;
      }
      default:
        this.errors.push(new YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
    }
  }
  /**
   * Call at end of input to yield any remaining document.
   *
   * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
   * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
   */
  *end(forceDoc = false, endOffset = -1) {
    if (this.doc) {
      this.decorate(this.doc, true);
      yield this.doc;
      this.doc = null;
    } else if (forceDoc) {
      const opts = Object.assign({ _directives: this.directives }, this.options);
      const doc = new Document(void 0, opts);
      if (this.atDirectives)
        this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
      doc.range = [0, endOffset, endOffset];
      this.decorate(doc, false);
      yield doc;
    }
  }
};

// node_modules/yaml/browser/dist/parse/cst-visit.js
var BREAK2 = /* @__PURE__ */ Symbol("break visit");
var SKIP2 = /* @__PURE__ */ Symbol("skip children");
var REMOVE2 = /* @__PURE__ */ Symbol("remove item");
function visit2(cst, visitor) {
  if ("type" in cst && cst.type === "document")
    cst = { start: cst.start, value: cst.value };
  _visit(Object.freeze([]), cst, visitor);
}
visit2.BREAK = BREAK2;
visit2.SKIP = SKIP2;
visit2.REMOVE = REMOVE2;
visit2.itemAtPath = (cst, path22) => {
  let item = cst;
  for (const [field, index] of path22) {
    const tok = item?.[field];
    if (tok && "items" in tok) {
      item = tok.items[index];
    } else
      return void 0;
  }
  return item;
};
visit2.parentCollection = (cst, path22) => {
  const parent = visit2.itemAtPath(cst, path22.slice(0, -1));
  const field = path22[path22.length - 1][0];
  const coll = parent?.[field];
  if (coll && "items" in coll)
    return coll;
  throw new Error("Parent collection not found");
};
function _visit(path22, item, visitor) {
  let ctrl = visitor(item, path22);
  if (typeof ctrl === "symbol")
    return ctrl;
  for (const field of ["key", "value"]) {
    const token = item[field];
    if (token && "items" in token) {
      for (let i = 0; i < token.items.length; ++i) {
        const ci = _visit(Object.freeze(path22.concat([[field, i]])), token.items[i], visitor);
        if (typeof ci === "number")
          i = ci - 1;
        else if (ci === BREAK2)
          return BREAK2;
        else if (ci === REMOVE2) {
          token.items.splice(i, 1);
          i -= 1;
        }
      }
      if (typeof ctrl === "function" && field === "key")
        ctrl = ctrl(item, path22);
    }
  }
  return typeof ctrl === "function" ? ctrl(item, path22) : ctrl;
}

// node_modules/yaml/browser/dist/parse/cst.js
var BOM = "\uFEFF";
var DOCUMENT = "";
var FLOW_END = "";
var SCALAR2 = "";
function tokenType(source) {
  switch (source) {
    case BOM:
      return "byte-order-mark";
    case DOCUMENT:
      return "doc-mode";
    case FLOW_END:
      return "flow-error-end";
    case SCALAR2:
      return "scalar";
    case "---":
      return "doc-start";
    case "...":
      return "doc-end";
    case "":
    case "\n":
    case "\r\n":
      return "newline";
    case "-":
      return "seq-item-ind";
    case "?":
      return "explicit-key-ind";
    case ":":
      return "map-value-ind";
    case "{":
      return "flow-map-start";
    case "}":
      return "flow-map-end";
    case "[":
      return "flow-seq-start";
    case "]":
      return "flow-seq-end";
    case ",":
      return "comma";
  }
  switch (source[0]) {
    case " ":
    case "	":
      return "space";
    case "#":
      return "comment";
    case "%":
      return "directive-line";
    case "*":
      return "alias";
    case "&":
      return "anchor";
    case "!":
      return "tag";
    case "'":
      return "single-quoted-scalar";
    case '"':
      return "double-quoted-scalar";
    case "|":
    case ">":
      return "block-scalar-header";
  }
  return null;
}

// node_modules/yaml/browser/dist/parse/lexer.js
function isEmpty(ch) {
  switch (ch) {
    case void 0:
    case " ":
    case "\n":
    case "\r":
    case "	":
      return true;
    default:
      return false;
  }
}
var hexDigits = new Set("0123456789ABCDEFabcdef");
var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
var flowIndicatorChars = new Set(",[]{}");
var invalidAnchorChars = new Set(" ,[]{}\n\r	");
var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
var Lexer = class {
  constructor() {
    this.atEnd = false;
    this.blockScalarIndent = -1;
    this.blockScalarKeep = false;
    this.buffer = "";
    this.flowKey = false;
    this.flowLevel = 0;
    this.indentNext = 0;
    this.indentValue = 0;
    this.lineEndPos = null;
    this.next = null;
    this.pos = 0;
  }
  /**
   * Generate YAML tokens from the `source` string. If `incomplete`,
   * a part of the last line may be left as a buffer for the next call.
   *
   * @returns A generator of lexical tokens
   */
  *lex(source, incomplete = false) {
    if (source) {
      if (typeof source !== "string")
        throw TypeError("source is not a string");
      this.buffer = this.buffer ? this.buffer + source : source;
      this.lineEndPos = null;
    }
    this.atEnd = !incomplete;
    let next = this.next ?? "stream";
    while (next && (incomplete || this.hasChars(1)))
      next = yield* this.parseNext(next);
  }
  atLineEnd() {
    let i = this.pos;
    let ch = this.buffer[i];
    while (ch === " " || ch === "	")
      ch = this.buffer[++i];
    if (!ch || ch === "#" || ch === "\n")
      return true;
    if (ch === "\r")
      return this.buffer[i + 1] === "\n";
    return false;
  }
  charAt(n) {
    return this.buffer[this.pos + n];
  }
  continueScalar(offset) {
    let ch = this.buffer[offset];
    if (this.indentNext > 0) {
      let indent = 0;
      while (ch === " ")
        ch = this.buffer[++indent + offset];
      if (ch === "\r") {
        const next = this.buffer[indent + offset + 1];
        if (next === "\n" || !next && !this.atEnd)
          return offset + indent + 1;
      }
      return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
    }
    if (ch === "-" || ch === ".") {
      const dt = this.buffer.substr(offset, 3);
      if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
        return -1;
    }
    return offset;
  }
  getLine() {
    let end = this.lineEndPos;
    if (typeof end !== "number" || end !== -1 && end < this.pos) {
      end = this.buffer.indexOf("\n", this.pos);
      this.lineEndPos = end;
    }
    if (end === -1)
      return this.atEnd ? this.buffer.substring(this.pos) : null;
    if (this.buffer[end - 1] === "\r")
      end -= 1;
    return this.buffer.substring(this.pos, end);
  }
  hasChars(n) {
    return this.pos + n <= this.buffer.length;
  }
  setNext(state) {
    this.buffer = this.buffer.substring(this.pos);
    this.pos = 0;
    this.lineEndPos = null;
    this.next = state;
    return null;
  }
  peek(n) {
    return this.buffer.substr(this.pos, n);
  }
  *parseNext(next) {
    switch (next) {
      case "stream":
        return yield* this.parseStream();
      case "line-start":
        return yield* this.parseLineStart();
      case "block-start":
        return yield* this.parseBlockStart();
      case "doc":
        return yield* this.parseDocument();
      case "flow":
        return yield* this.parseFlowCollection();
      case "quoted-scalar":
        return yield* this.parseQuotedScalar();
      case "block-scalar":
        return yield* this.parseBlockScalar();
      case "plain-scalar":
        return yield* this.parsePlainScalar();
    }
  }
  *parseStream() {
    let line = this.getLine();
    if (line === null)
      return this.setNext("stream");
    if (line[0] === BOM) {
      yield* this.pushCount(1);
      line = line.substring(1);
    }
    if (line[0] === "%") {
      let dirEnd = line.length;
      let cs = line.indexOf("#");
      while (cs !== -1) {
        const ch = line[cs - 1];
        if (ch === " " || ch === "	") {
          dirEnd = cs - 1;
          break;
        } else {
          cs = line.indexOf("#", cs + 1);
        }
      }
      while (true) {
        const ch = line[dirEnd - 1];
        if (ch === " " || ch === "	")
          dirEnd -= 1;
        else
          break;
      }
      const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
      yield* this.pushCount(line.length - n);
      this.pushNewline();
      return "stream";
    }
    if (this.atLineEnd()) {
      const sp = yield* this.pushSpaces(true);
      yield* this.pushCount(line.length - sp);
      yield* this.pushNewline();
      return "stream";
    }
    yield DOCUMENT;
    return yield* this.parseLineStart();
  }
  *parseLineStart() {
    const ch = this.charAt(0);
    if (!ch && !this.atEnd)
      return this.setNext("line-start");
    if (ch === "-" || ch === ".") {
      if (!this.atEnd && !this.hasChars(4))
        return this.setNext("line-start");
      const s = this.peek(3);
      if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
        yield* this.pushCount(3);
        this.indentValue = 0;
        this.indentNext = 0;
        return s === "---" ? "doc" : "stream";
      }
    }
    this.indentValue = yield* this.pushSpaces(false);
    if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
      this.indentNext = this.indentValue;
    return yield* this.parseBlockStart();
  }
  *parseBlockStart() {
    const [ch0, ch1] = this.peek(2);
    if (!ch1 && !this.atEnd)
      return this.setNext("block-start");
    if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
      const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
      this.indentNext = this.indentValue + 1;
      this.indentValue += n;
      return "block-start";
    }
    return "doc";
  }
  *parseDocument() {
    yield* this.pushSpaces(true);
    const line = this.getLine();
    if (line === null)
      return this.setNext("doc");
    let n = yield* this.pushIndicators();
    switch (line[n]) {
      case "#":
        yield* this.pushCount(line.length - n);
      // fallthrough
      case void 0:
        yield* this.pushNewline();
        return yield* this.parseLineStart();
      case "{":
      case "[":
        yield* this.pushCount(1);
        this.flowKey = false;
        this.flowLevel = 1;
        return "flow";
      case "}":
      case "]":
        yield* this.pushCount(1);
        return "doc";
      case "*":
        yield* this.pushUntil(isNotAnchorChar);
        return "doc";
      case '"':
      case "'":
        return yield* this.parseQuotedScalar();
      case "|":
      case ">":
        n += yield* this.parseBlockScalarHeader();
        n += yield* this.pushSpaces(true);
        yield* this.pushCount(line.length - n);
        yield* this.pushNewline();
        return yield* this.parseBlockScalar();
      default:
        return yield* this.parsePlainScalar();
    }
  }
  *parseFlowCollection() {
    let nl, sp;
    let indent = -1;
    do {
      nl = yield* this.pushNewline();
      if (nl > 0) {
        sp = yield* this.pushSpaces(false);
        this.indentValue = indent = sp;
      } else {
        sp = 0;
      }
      sp += yield* this.pushSpaces(true);
    } while (nl + sp > 0);
    const line = this.getLine();
    if (line === null)
      return this.setNext("flow");
    if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
      const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
      if (!atFlowEndMarker) {
        this.flowLevel = 0;
        yield FLOW_END;
        return yield* this.parseLineStart();
      }
    }
    let n = 0;
    while (line[n] === ",") {
      n += yield* this.pushCount(1);
      n += yield* this.pushSpaces(true);
      this.flowKey = false;
    }
    n += yield* this.pushIndicators();
    switch (line[n]) {
      case void 0:
        return "flow";
      case "#":
        yield* this.pushCount(line.length - n);
        return "flow";
      case "{":
      case "[":
        yield* this.pushCount(1);
        this.flowKey = false;
        this.flowLevel += 1;
        return "flow";
      case "}":
      case "]":
        yield* this.pushCount(1);
        this.flowKey = true;
        this.flowLevel -= 1;
        return this.flowLevel ? "flow" : "doc";
      case "*":
        yield* this.pushUntil(isNotAnchorChar);
        return "flow";
      case '"':
      case "'":
        this.flowKey = true;
        return yield* this.parseQuotedScalar();
      case ":": {
        const next = this.charAt(1);
        if (this.flowKey || isEmpty(next) || next === ",") {
          this.flowKey = false;
          yield* this.pushCount(1);
          yield* this.pushSpaces(true);
          return "flow";
        }
      }
      // fallthrough
      default:
        this.flowKey = false;
        return yield* this.parsePlainScalar();
    }
  }
  *parseQuotedScalar() {
    const quote = this.charAt(0);
    let end = this.buffer.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (end !== -1 && this.buffer[end + 1] === "'")
        end = this.buffer.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let n = 0;
        while (this.buffer[end - 1 - n] === "\\")
          n += 1;
        if (n % 2 === 0)
          break;
        end = this.buffer.indexOf('"', end + 1);
      }
    }
    const qb = this.buffer.substring(0, end);
    let nl = qb.indexOf("\n", this.pos);
    if (nl !== -1) {
      while (nl !== -1) {
        const cs = this.continueScalar(nl + 1);
        if (cs === -1)
          break;
        nl = qb.indexOf("\n", cs);
      }
      if (nl !== -1) {
        end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
      }
    }
    if (end === -1) {
      if (!this.atEnd)
        return this.setNext("quoted-scalar");
      end = this.buffer.length;
    }
    yield* this.pushToIndex(end + 1, false);
    return this.flowLevel ? "flow" : "doc";
  }
  *parseBlockScalarHeader() {
    this.blockScalarIndent = -1;
    this.blockScalarKeep = false;
    let i = this.pos;
    while (true) {
      const ch = this.buffer[++i];
      if (ch === "+")
        this.blockScalarKeep = true;
      else if (ch > "0" && ch <= "9")
        this.blockScalarIndent = Number(ch) - 1;
      else if (ch !== "-")
        break;
    }
    return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
  }
  *parseBlockScalar() {
    let nl = this.pos - 1;
    let indent = 0;
    let ch;
    loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
      switch (ch) {
        case " ":
          indent += 1;
          break;
        case "\n":
          nl = i2;
          indent = 0;
          break;
        case "\r": {
          const next = this.buffer[i2 + 1];
          if (!next && !this.atEnd)
            return this.setNext("block-scalar");
          if (next === "\n")
            break;
        }
        // fallthrough
        default:
          break loop;
      }
    }
    if (!ch && !this.atEnd)
      return this.setNext("block-scalar");
    if (indent >= this.indentNext) {
      if (this.blockScalarIndent === -1)
        this.indentNext = indent;
      else {
        this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
      }
      do {
        const cs = this.continueScalar(nl + 1);
        if (cs === -1)
          break;
        nl = this.buffer.indexOf("\n", cs);
      } while (nl !== -1);
      if (nl === -1) {
        if (!this.atEnd)
          return this.setNext("block-scalar");
        nl = this.buffer.length;
      }
    }
    let i = nl + 1;
    ch = this.buffer[i];
    while (ch === " ")
      ch = this.buffer[++i];
    if (ch === "	") {
      while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
        ch = this.buffer[++i];
      nl = i - 1;
    } else if (!this.blockScalarKeep) {
      do {
        let i2 = nl - 1;
        let ch2 = this.buffer[i2];
        if (ch2 === "\r")
          ch2 = this.buffer[--i2];
        const lastChar = i2;
        while (ch2 === " ")
          ch2 = this.buffer[--i2];
        if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
          nl = i2;
        else
          break;
      } while (true);
    }
    yield SCALAR2;
    yield* this.pushToIndex(nl + 1, true);
    return yield* this.parseLineStart();
  }
  *parsePlainScalar() {
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    let ch;
    while (ch = this.buffer[++i]) {
      if (ch === ":") {
        const next = this.buffer[i + 1];
        if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
          break;
        end = i;
      } else if (isEmpty(ch)) {
        let next = this.buffer[i + 1];
        if (ch === "\r") {
          if (next === "\n") {
            i += 1;
            ch = "\n";
            next = this.buffer[i + 1];
          } else
            end = i;
        }
        if (next === "#" || inFlow && flowIndicatorChars.has(next))
          break;
        if (ch === "\n") {
          const cs = this.continueScalar(i + 1);
          if (cs === -1)
            break;
          i = Math.max(i, cs - 2);
        }
      } else {
        if (inFlow && flowIndicatorChars.has(ch))
          break;
        end = i;
      }
    }
    if (!ch && !this.atEnd)
      return this.setNext("plain-scalar");
    yield SCALAR2;
    yield* this.pushToIndex(end + 1, true);
    return inFlow ? "flow" : "doc";
  }
  *pushCount(n) {
    if (n > 0) {
      yield this.buffer.substr(this.pos, n);
      this.pos += n;
      return n;
    }
    return 0;
  }
  *pushToIndex(i, allowEmpty) {
    const s = this.buffer.slice(this.pos, i);
    if (s) {
      yield s;
      this.pos += s.length;
      return s.length;
    } else if (allowEmpty)
      yield "";
    return 0;
  }
  *pushIndicators() {
    let n = 0;
    loop: while (true) {
      switch (this.charAt(0)) {
        case "!":
          n += yield* this.pushTag();
          n += yield* this.pushSpaces(true);
          continue loop;
        case "&":
          n += yield* this.pushUntil(isNotAnchorChar);
          n += yield* this.pushSpaces(true);
          continue loop;
        case "-":
        // this is an error
        case "?":
        // this is an error outside flow collections
        case ":": {
          const inFlow = this.flowLevel > 0;
          const ch1 = this.charAt(1);
          if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
            if (!inFlow)
              this.indentNext = this.indentValue + 1;
            else if (this.flowKey)
              this.flowKey = false;
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            continue loop;
          }
        }
      }
      break loop;
    }
    return n;
  }
  *pushTag() {
    if (this.charAt(1) === "<") {
      let i = this.pos + 2;
      let ch = this.buffer[i];
      while (!isEmpty(ch) && ch !== ">")
        ch = this.buffer[++i];
      return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
    } else {
      let i = this.pos + 1;
      let ch = this.buffer[i];
      while (ch) {
        if (tagChars.has(ch))
          ch = this.buffer[++i];
        else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
          ch = this.buffer[i += 3];
        } else
          break;
      }
      return yield* this.pushToIndex(i, false);
    }
  }
  *pushNewline() {
    const ch = this.buffer[this.pos];
    if (ch === "\n")
      return yield* this.pushCount(1);
    else if (ch === "\r" && this.charAt(1) === "\n")
      return yield* this.pushCount(2);
    else
      return 0;
  }
  *pushSpaces(allowTabs) {
    let i = this.pos - 1;
    let ch;
    do {
      ch = this.buffer[++i];
    } while (ch === " " || allowTabs && ch === "	");
    const n = i - this.pos;
    if (n > 0) {
      yield this.buffer.substr(this.pos, n);
      this.pos = i;
    }
    return n;
  }
  *pushUntil(test) {
    let i = this.pos;
    let ch = this.buffer[i];
    while (!test(ch))
      ch = this.buffer[++i];
    return yield* this.pushToIndex(i, false);
  }
};

// node_modules/yaml/browser/dist/parse/line-counter.js
var LineCounter = class {
  constructor() {
    this.lineStarts = [];
    this.addNewLine = (offset) => this.lineStarts.push(offset);
    this.linePos = (offset) => {
      let low = 0;
      let high = this.lineStarts.length;
      while (low < high) {
        const mid = low + high >> 1;
        if (this.lineStarts[mid] < offset)
          low = mid + 1;
        else
          high = mid;
      }
      if (this.lineStarts[low] === offset)
        return { line: low + 1, col: 1 };
      if (low === 0)
        return { line: 0, col: offset };
      const start = this.lineStarts[low - 1];
      return { line: low, col: offset - start + 1 };
    };
  }
};

// node_modules/yaml/browser/dist/parse/parser.js
function includesToken(list, type) {
  for (let i = 0; i < list.length; ++i)
    if (list[i].type === type)
      return true;
  return false;
}
function findNonEmptyIndex(list) {
  for (let i = 0; i < list.length; ++i) {
    switch (list[i].type) {
      case "space":
      case "comment":
      case "newline":
        break;
      default:
        return i;
    }
  }
  return -1;
}
function isFlowToken(token) {
  switch (token?.type) {
    case "alias":
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
    case "flow-collection":
      return true;
    default:
      return false;
  }
}
function getPrevProps(parent) {
  switch (parent.type) {
    case "document":
      return parent.start;
    case "block-map": {
      const it = parent.items[parent.items.length - 1];
      return it.sep ?? it.start;
    }
    case "block-seq":
      return parent.items[parent.items.length - 1].start;
    /* istanbul ignore next should not happen */
    default:
      return [];
  }
}
function getFirstKeyStartProps(prev) {
  if (prev.length === 0)
    return [];
  let i = prev.length;
  loop: while (--i >= 0) {
    switch (prev[i].type) {
      case "doc-start":
      case "explicit-key-ind":
      case "map-value-ind":
      case "seq-item-ind":
      case "newline":
        break loop;
    }
  }
  while (prev[++i]?.type === "space") {
  }
  return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
  if (source.length < 1e5)
    Array.prototype.push.apply(target, source);
  else
    for (let i = 0; i < source.length; ++i)
      target.push(source[i]);
}
function fixFlowSeqItems(fc) {
  if (fc.start.type === "flow-seq-start") {
    for (const it of fc.items) {
      if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
        if (it.key)
          it.value = it.key;
        delete it.key;
        if (isFlowToken(it.value)) {
          if (it.value.end)
            arrayPushArray(it.value.end, it.sep);
          else
            it.value.end = it.sep;
        } else
          arrayPushArray(it.start, it.sep);
        delete it.sep;
      }
    }
  }
}
var Parser = class {
  /**
   * @param onNewLine - If defined, called separately with the start position of
   *   each new line (in `parse()`, including the start of input).
   */
  constructor(onNewLine) {
    this.atNewLine = true;
    this.atScalar = false;
    this.indent = 0;
    this.offset = 0;
    this.onKeyLine = false;
    this.stack = [];
    this.source = "";
    this.type = "";
    this.lexer = new Lexer();
    this.onNewLine = onNewLine;
  }
  /**
   * Parse `source` as a YAML stream.
   * If `incomplete`, a part of the last line may be left as a buffer for the next call.
   *
   * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
   *
   * @returns A generator of tokens representing each directive, document, and other structure.
   */
  *parse(source, incomplete = false) {
    if (this.onNewLine && this.offset === 0)
      this.onNewLine(0);
    for (const lexeme of this.lexer.lex(source, incomplete))
      yield* this.next(lexeme);
    if (!incomplete)
      yield* this.end();
  }
  /**
   * Advance the parser by the `source` of one lexical token.
   */
  *next(source) {
    this.source = source;
    if (this.atScalar) {
      this.atScalar = false;
      yield* this.step();
      this.offset += source.length;
      return;
    }
    const type = tokenType(source);
    if (!type) {
      const message = `Not a YAML token: ${source}`;
      yield* this.pop({ type: "error", offset: this.offset, message, source });
      this.offset += source.length;
    } else if (type === "scalar") {
      this.atNewLine = false;
      this.atScalar = true;
      this.type = "scalar";
    } else {
      this.type = type;
      yield* this.step();
      switch (type) {
        case "newline":
          this.atNewLine = true;
          this.indent = 0;
          if (this.onNewLine)
            this.onNewLine(this.offset + source.length);
          break;
        case "space":
          if (this.atNewLine && source[0] === " ")
            this.indent += source.length;
          break;
        case "explicit-key-ind":
        case "map-value-ind":
        case "seq-item-ind":
          if (this.atNewLine)
            this.indent += source.length;
          break;
        case "doc-mode":
        case "flow-error-end":
          return;
        default:
          this.atNewLine = false;
      }
      this.offset += source.length;
    }
  }
  /** Call at end of input to push out any remaining constructions */
  *end() {
    while (this.stack.length > 0)
      yield* this.pop();
  }
  get sourceToken() {
    const st = {
      type: this.type,
      offset: this.offset,
      indent: this.indent,
      source: this.source
    };
    return st;
  }
  *step() {
    const top = this.peek(1);
    if (this.type === "doc-end" && top?.type !== "doc-end") {
      while (this.stack.length > 0)
        yield* this.pop();
      this.stack.push({
        type: "doc-end",
        offset: this.offset,
        source: this.source
      });
      return;
    }
    if (!top)
      return yield* this.stream();
    switch (top.type) {
      case "document":
        return yield* this.document(top);
      case "alias":
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
        return yield* this.scalar(top);
      case "block-scalar":
        return yield* this.blockScalar(top);
      case "block-map":
        return yield* this.blockMap(top);
      case "block-seq":
        return yield* this.blockSequence(top);
      case "flow-collection":
        return yield* this.flowCollection(top);
      case "doc-end":
        return yield* this.documentEnd(top);
    }
    yield* this.pop();
  }
  peek(n) {
    return this.stack[this.stack.length - n];
  }
  *pop(error) {
    const token = error ?? this.stack.pop();
    if (!token) {
      const message = "Tried to pop an empty stack";
      yield { type: "error", offset: this.offset, source: "", message };
    } else if (this.stack.length === 0) {
      yield token;
    } else {
      const top = this.peek(1);
      if (token.type === "block-scalar") {
        token.indent = "indent" in top ? top.indent : 0;
      } else if (token.type === "flow-collection" && top.type === "document") {
        token.indent = 0;
      }
      if (token.type === "flow-collection")
        fixFlowSeqItems(token);
      switch (top.type) {
        case "document":
          top.value = token;
          break;
        case "block-scalar":
          top.props.push(token);
          break;
        case "block-map": {
          const it = top.items[top.items.length - 1];
          if (it.value) {
            top.items.push({ start: [], key: token, sep: [] });
            this.onKeyLine = true;
            return;
          } else if (it.sep) {
            it.value = token;
          } else {
            Object.assign(it, { key: token, sep: [] });
            this.onKeyLine = !it.explicitKey;
            return;
          }
          break;
        }
        case "block-seq": {
          const it = top.items[top.items.length - 1];
          if (it.value)
            top.items.push({ start: [], value: token });
          else
            it.value = token;
          break;
        }
        case "flow-collection": {
          const it = top.items[top.items.length - 1];
          if (!it || it.value)
            top.items.push({ start: [], key: token, sep: [] });
          else if (it.sep)
            it.value = token;
          else
            Object.assign(it, { key: token, sep: [] });
          return;
        }
        /* istanbul ignore next should not happen */
        default:
          yield* this.pop();
          yield* this.pop(token);
      }
      if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
        const last = token.items[token.items.length - 1];
        if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
          if (top.type === "document")
            top.end = last.start;
          else
            top.items.push({ start: last.start });
          token.items.splice(-1, 1);
        }
      }
    }
  }
  *stream() {
    switch (this.type) {
      case "directive-line":
        yield { type: "directive", offset: this.offset, source: this.source };
        return;
      case "byte-order-mark":
      case "space":
      case "comment":
      case "newline":
        yield this.sourceToken;
        return;
      case "doc-mode":
      case "doc-start": {
        const doc = {
          type: "document",
          offset: this.offset,
          start: []
        };
        if (this.type === "doc-start")
          doc.start.push(this.sourceToken);
        this.stack.push(doc);
        return;
      }
    }
    yield {
      type: "error",
      offset: this.offset,
      message: `Unexpected ${this.type} token in YAML stream`,
      source: this.source
    };
  }
  *document(doc) {
    if (doc.value)
      return yield* this.lineEnd(doc);
    switch (this.type) {
      case "doc-start": {
        if (findNonEmptyIndex(doc.start) !== -1) {
          yield* this.pop();
          yield* this.step();
        } else
          doc.start.push(this.sourceToken);
        return;
      }
      case "anchor":
      case "tag":
      case "space":
      case "comment":
      case "newline":
        doc.start.push(this.sourceToken);
        return;
    }
    const bv = this.startBlockValue(doc);
    if (bv)
      this.stack.push(bv);
    else {
      yield {
        type: "error",
        offset: this.offset,
        message: `Unexpected ${this.type} token in YAML document`,
        source: this.source
      };
    }
  }
  *scalar(scalar) {
    if (this.type === "map-value-ind") {
      const prev = getPrevProps(this.peek(2));
      const start = getFirstKeyStartProps(prev);
      let sep;
      if (scalar.end) {
        sep = scalar.end;
        sep.push(this.sourceToken);
        delete scalar.end;
      } else
        sep = [this.sourceToken];
      const map2 = {
        type: "block-map",
        offset: scalar.offset,
        indent: scalar.indent,
        items: [{ start, key: scalar, sep }]
      };
      this.onKeyLine = true;
      this.stack[this.stack.length - 1] = map2;
    } else
      yield* this.lineEnd(scalar);
  }
  *blockScalar(scalar) {
    switch (this.type) {
      case "space":
      case "comment":
      case "newline":
        scalar.props.push(this.sourceToken);
        return;
      case "scalar":
        scalar.source = this.source;
        this.atNewLine = true;
        this.indent = 0;
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        yield* this.pop();
        break;
      /* istanbul ignore next should not happen */
      default:
        yield* this.pop();
        yield* this.step();
    }
  }
  *blockMap(map2) {
    const it = map2.items[map2.items.length - 1];
    switch (this.type) {
      case "newline":
        this.onKeyLine = false;
        if (it.value) {
          const end = "end" in it.value ? it.value.end : void 0;
          const last = Array.isArray(end) ? end[end.length - 1] : void 0;
          if (last?.type === "comment")
            end?.push(this.sourceToken);
          else
            map2.items.push({ start: [this.sourceToken] });
        } else if (it.sep) {
          it.sep.push(this.sourceToken);
        } else {
          it.start.push(this.sourceToken);
        }
        return;
      case "space":
      case "comment":
        if (it.value) {
          map2.items.push({ start: [this.sourceToken] });
        } else if (it.sep) {
          it.sep.push(this.sourceToken);
        } else {
          if (this.atIndentedComment(it.start, map2.indent)) {
            const prev = map2.items[map2.items.length - 2];
            const end = prev?.value?.end;
            if (Array.isArray(end)) {
              arrayPushArray(end, it.start);
              end.push(this.sourceToken);
              map2.items.pop();
              return;
            }
          }
          it.start.push(this.sourceToken);
        }
        return;
    }
    if (this.indent >= map2.indent) {
      const atMapIndent = !this.onKeyLine && this.indent === map2.indent;
      const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
      let start = [];
      if (atNextItem && it.sep && !it.value) {
        const nl = [];
        for (let i = 0; i < it.sep.length; ++i) {
          const st = it.sep[i];
          switch (st.type) {
            case "newline":
              nl.push(i);
              break;
            case "space":
              break;
            case "comment":
              if (st.indent > map2.indent)
                nl.length = 0;
              break;
            default:
              nl.length = 0;
          }
        }
        if (nl.length >= 2)
          start = it.sep.splice(nl[1]);
      }
      switch (this.type) {
        case "anchor":
        case "tag":
          if (atNextItem || it.value) {
            start.push(this.sourceToken);
            map2.items.push({ start });
            this.onKeyLine = true;
          } else if (it.sep) {
            it.sep.push(this.sourceToken);
          } else {
            it.start.push(this.sourceToken);
          }
          return;
        case "explicit-key-ind":
          if (!it.sep && !it.explicitKey) {
            it.start.push(this.sourceToken);
            it.explicitKey = true;
          } else if (atNextItem || it.value) {
            start.push(this.sourceToken);
            map2.items.push({ start, explicitKey: true });
          } else {
            this.stack.push({
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken], explicitKey: true }]
            });
          }
          this.onKeyLine = true;
          return;
        case "map-value-ind":
          if (it.explicitKey) {
            if (!it.sep) {
              if (includesToken(it.start, "newline")) {
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              } else {
                const start2 = getFirstKeyStartProps(it.start);
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                });
              }
            } else if (it.value) {
              map2.items.push({ start: [], key: null, sep: [this.sourceToken] });
            } else if (includesToken(it.sep, "map-value-ind")) {
              this.stack.push({
                type: "block-map",
                offset: this.offset,
                indent: this.indent,
                items: [{ start, key: null, sep: [this.sourceToken] }]
              });
            } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
              const start2 = getFirstKeyStartProps(it.start);
              const key = it.key;
              const sep = it.sep;
              sep.push(this.sourceToken);
              delete it.key;
              delete it.sep;
              this.stack.push({
                type: "block-map",
                offset: this.offset,
                indent: this.indent,
                items: [{ start: start2, key, sep }]
              });
            } else if (start.length > 0) {
              it.sep = it.sep.concat(start, this.sourceToken);
            } else {
              it.sep.push(this.sourceToken);
            }
          } else {
            if (!it.sep) {
              Object.assign(it, { key: null, sep: [this.sourceToken] });
            } else if (it.value || atNextItem) {
              map2.items.push({ start, key: null, sep: [this.sourceToken] });
            } else if (includesToken(it.sep, "map-value-ind")) {
              this.stack.push({
                type: "block-map",
                offset: this.offset,
                indent: this.indent,
                items: [{ start: [], key: null, sep: [this.sourceToken] }]
              });
            } else {
              it.sep.push(this.sourceToken);
            }
          }
          this.onKeyLine = true;
          return;
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar": {
          const fs = this.flowScalar(this.type);
          if (atNextItem || it.value) {
            map2.items.push({ start, key: fs, sep: [] });
            this.onKeyLine = true;
          } else if (it.sep) {
            this.stack.push(fs);
          } else {
            Object.assign(it, { key: fs, sep: [] });
            this.onKeyLine = true;
          }
          return;
        }
        default: {
          const bv = this.startBlockValue(map2);
          if (bv) {
            if (bv.type === "block-seq") {
              if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                yield* this.pop({
                  type: "error",
                  offset: this.offset,
                  message: "Unexpected block-seq-ind on same line with key",
                  source: this.source
                });
                return;
              }
            } else if (atMapIndent) {
              map2.items.push({ start });
            }
            this.stack.push(bv);
            return;
          }
        }
      }
    }
    yield* this.pop();
    yield* this.step();
  }
  *blockSequence(seq2) {
    const it = seq2.items[seq2.items.length - 1];
    switch (this.type) {
      case "newline":
        if (it.value) {
          const end = "end" in it.value ? it.value.end : void 0;
          const last = Array.isArray(end) ? end[end.length - 1] : void 0;
          if (last?.type === "comment")
            end?.push(this.sourceToken);
          else
            seq2.items.push({ start: [this.sourceToken] });
        } else
          it.start.push(this.sourceToken);
        return;
      case "space":
      case "comment":
        if (it.value)
          seq2.items.push({ start: [this.sourceToken] });
        else {
          if (this.atIndentedComment(it.start, seq2.indent)) {
            const prev = seq2.items[seq2.items.length - 2];
            const end = prev?.value?.end;
            if (Array.isArray(end)) {
              arrayPushArray(end, it.start);
              end.push(this.sourceToken);
              seq2.items.pop();
              return;
            }
          }
          it.start.push(this.sourceToken);
        }
        return;
      case "anchor":
      case "tag":
        if (it.value || this.indent <= seq2.indent)
          break;
        it.start.push(this.sourceToken);
        return;
      case "seq-item-ind":
        if (this.indent !== seq2.indent)
          break;
        if (it.value || includesToken(it.start, "seq-item-ind"))
          seq2.items.push({ start: [this.sourceToken] });
        else
          it.start.push(this.sourceToken);
        return;
    }
    if (this.indent > seq2.indent) {
      const bv = this.startBlockValue(seq2);
      if (bv) {
        this.stack.push(bv);
        return;
      }
    }
    yield* this.pop();
    yield* this.step();
  }
  *flowCollection(fc) {
    const it = fc.items[fc.items.length - 1];
    if (this.type === "flow-error-end") {
      let top;
      do {
        yield* this.pop();
        top = this.peek(1);
      } while (top?.type === "flow-collection");
    } else if (fc.end.length === 0) {
      switch (this.type) {
        case "comma":
        case "explicit-key-ind":
          if (!it || it.sep)
            fc.items.push({ start: [this.sourceToken] });
          else
            it.start.push(this.sourceToken);
          return;
        case "map-value-ind":
          if (!it || it.value)
            fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
          else if (it.sep)
            it.sep.push(this.sourceToken);
          else
            Object.assign(it, { key: null, sep: [this.sourceToken] });
          return;
        case "space":
        case "comment":
        case "newline":
        case "anchor":
        case "tag":
          if (!it || it.value)
            fc.items.push({ start: [this.sourceToken] });
          else if (it.sep)
            it.sep.push(this.sourceToken);
          else
            it.start.push(this.sourceToken);
          return;
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar": {
          const fs = this.flowScalar(this.type);
          if (!it || it.value)
            fc.items.push({ start: [], key: fs, sep: [] });
          else if (it.sep)
            this.stack.push(fs);
          else
            Object.assign(it, { key: fs, sep: [] });
          return;
        }
        case "flow-map-end":
        case "flow-seq-end":
          fc.end.push(this.sourceToken);
          return;
      }
      const bv = this.startBlockValue(fc);
      if (bv)
        this.stack.push(bv);
      else {
        yield* this.pop();
        yield* this.step();
      }
    } else {
      const parent = this.peek(2);
      if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
        yield* this.pop();
        yield* this.step();
      } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
        const prev = getPrevProps(parent);
        const start = getFirstKeyStartProps(prev);
        fixFlowSeqItems(fc);
        const sep = fc.end.splice(1, fc.end.length);
        sep.push(this.sourceToken);
        const map2 = {
          type: "block-map",
          offset: fc.offset,
          indent: fc.indent,
          items: [{ start, key: fc, sep }]
        };
        this.onKeyLine = true;
        this.stack[this.stack.length - 1] = map2;
      } else {
        yield* this.lineEnd(fc);
      }
    }
  }
  flowScalar(type) {
    if (this.onNewLine) {
      let nl = this.source.indexOf("\n") + 1;
      while (nl !== 0) {
        this.onNewLine(this.offset + nl);
        nl = this.source.indexOf("\n", nl) + 1;
      }
    }
    return {
      type,
      offset: this.offset,
      indent: this.indent,
      source: this.source
    };
  }
  startBlockValue(parent) {
    switch (this.type) {
      case "alias":
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
        return this.flowScalar(this.type);
      case "block-scalar-header":
        return {
          type: "block-scalar",
          offset: this.offset,
          indent: this.indent,
          props: [this.sourceToken],
          source: ""
        };
      case "flow-map-start":
      case "flow-seq-start":
        return {
          type: "flow-collection",
          offset: this.offset,
          indent: this.indent,
          start: this.sourceToken,
          items: [],
          end: []
        };
      case "seq-item-ind":
        return {
          type: "block-seq",
          offset: this.offset,
          indent: this.indent,
          items: [{ start: [this.sourceToken] }]
        };
      case "explicit-key-ind": {
        this.onKeyLine = true;
        const prev = getPrevProps(parent);
        const start = getFirstKeyStartProps(prev);
        start.push(this.sourceToken);
        return {
          type: "block-map",
          offset: this.offset,
          indent: this.indent,
          items: [{ start, explicitKey: true }]
        };
      }
      case "map-value-ind": {
        this.onKeyLine = true;
        const prev = getPrevProps(parent);
        const start = getFirstKeyStartProps(prev);
        return {
          type: "block-map",
          offset: this.offset,
          indent: this.indent,
          items: [{ start, key: null, sep: [this.sourceToken] }]
        };
      }
    }
    return null;
  }
  atIndentedComment(start, indent) {
    if (this.type !== "comment")
      return false;
    if (this.indent <= indent)
      return false;
    return start.every((st) => st.type === "newline" || st.type === "space");
  }
  *documentEnd(docEnd) {
    if (this.type !== "doc-mode") {
      if (docEnd.end)
        docEnd.end.push(this.sourceToken);
      else
        docEnd.end = [this.sourceToken];
      if (this.type === "newline")
        yield* this.pop();
    }
  }
  *lineEnd(token) {
    switch (this.type) {
      case "comma":
      case "doc-start":
      case "doc-end":
      case "flow-seq-end":
      case "flow-map-end":
      case "map-value-ind":
        yield* this.pop();
        yield* this.step();
        break;
      case "newline":
        this.onKeyLine = false;
      // fallthrough
      case "space":
      case "comment":
      default:
        if (token.end)
          token.end.push(this.sourceToken);
        else
          token.end = [this.sourceToken];
        if (this.type === "newline")
          yield* this.pop();
    }
  }
};

// node_modules/yaml/browser/dist/public-api.js
function parseOptions(options) {
  const prettyErrors = options.prettyErrors !== false;
  const lineCounter = options.lineCounter || prettyErrors && new LineCounter() || null;
  return { lineCounter, prettyErrors };
}
function parseDocument(source, options = {}) {
  const { lineCounter, prettyErrors } = parseOptions(options);
  const parser = new Parser(lineCounter?.addNewLine);
  const composer = new Composer(options);
  let doc = null;
  for (const _doc of composer.compose(parser.parse(source), true, source.length)) {
    if (!doc)
      doc = _doc;
    else if (doc.options.logLevel !== "silent") {
      doc.errors.push(new YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
      break;
    }
  }
  if (prettyErrors && lineCounter) {
    doc.errors.forEach(prettifyError(source, lineCounter));
    doc.warnings.forEach(prettifyError(source, lineCounter));
  }
  return doc;
}
function parse(src, reviver, options) {
  let _reviver = void 0;
  if (typeof reviver === "function") {
    _reviver = reviver;
  } else if (options === void 0 && reviver && typeof reviver === "object") {
    options = reviver;
  }
  const doc = parseDocument(src, options);
  if (!doc)
    return null;
  doc.warnings.forEach((warning) => warn(doc.options.logLevel, warning));
  if (doc.errors.length > 0) {
    if (doc.options.logLevel !== "silent")
      throw doc.errors[0];
    else
      doc.errors = [];
  }
  return doc.toJS(Object.assign({ reviver: _reviver }, options));
}

// src/checks/metrics.ts
function formatOf(file) {
  const base = file.split(/[\\/]/).pop().toLowerCase();
  if (base === "dvc.yaml" || base === "dvc.yml") return "dvc";
  const ext = base.includes(".") ? base.slice(base.lastIndexOf(".") + 1) : "";
  return { json: "json", yaml: "yaml", yml: "yaml", csv: "csv", tsv: "tsv" }[ext];
}
var FORMAT_FIX = "name it *.json, *.yaml, *.yml, *.csv, *.tsv or dvc.yaml, or set `format:` (json, yaml, csv, tsv, dvc).";
function parseMetrics(text, file, format, row) {
  switch (format) {
    case "json":
      return parseMetricsJson(text, file);
    case "yaml":
      return parseMetricsYaml(text, file);
    case "csv":
    case "tsv":
      return parseMetricsTable(text, file, format === "csv" ? "," : "	", row);
  }
}
var PY_TOKENS = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY
};
var SENTINEL = "\0repro-ci:";
function quotePythonTokens(text) {
  let out = "";
  let replaced = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-Infinity|Infinity|NaN)(?![A-Za-z0-9_])/.exec(text.slice(i, i + 9));
    if (m && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? "")) {
      out += JSON.stringify(SENTINEL + m[1]);
      i += m[1].length;
      replaced = true;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, replaced };
}
function parseMetricsJson(text, file) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const quoted = quotePythonTokens(text);
    try {
      if (!quoted.replaced) throw e;
      doc = JSON.parse(
        quoted.text,
        (_k, v) => typeof v === "string" && v.startsWith(SENTINEL) ? PY_TOKENS[v.slice(SENTINEL.length)] : v
      );
    } catch {
      throw new ReproError(`metrics file ${file} is not valid JSON: ${e.message}`, {
        location: { file },
        fix: 'make the evaluation write JSON, e.g. `json.dump({"accuracy": acc}, f)` in Python.'
      });
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ReproError(
      `metrics file ${file} holds ${Array.isArray(doc) ? "a list" : doc === null ? "null" : typeof doc}, not an object of metrics.`,
      {
        location: { file },
        fix: 'write an object such as {"accuracy": 0.91, "loss": 0.3}.'
      }
    );
  }
  return doc;
}
function lookup(doc, dotted) {
  if (Object.prototype.hasOwnProperty.call(doc, dotted)) return doc[dotted];
  const dot = dotted.indexOf(".");
  if (dot < 0) return void 0;
  for (let i = dot; i >= 0; i = dotted.indexOf(".", i + 1)) {
    const head = dotted.slice(0, i);
    const child = doc[head];
    if (child !== null && typeof child === "object" && !Array.isArray(child)) {
      const found = lookup(child, dotted.slice(i + 1));
      if (found !== void 0) return found;
    }
  }
  return void 0;
}
function flattenNumbers(doc, prefix = "") {
  const out = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "number" && Number.isFinite(v)) out[key] = v;
    else if (v !== null && typeof v === "object" && !Array.isArray(v))
      Object.assign(out, flattenNumbers(v, key));
  }
  return out;
}
function parseMetricsYaml(text, file) {
  let doc;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ReproError(`metrics file ${file} is not valid YAML: ${e.message.split("\n")[0]}`, {
      location: { file },
      fix: 'make the evaluation write YAML, e.g. `yaml.safe_dump({"accuracy": acc}, f)` in Python.'
    });
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ReproError(
      `metrics file ${file} holds ${Array.isArray(doc) ? "a list" : doc === null ? "nothing" : typeof doc}, not a mapping of metrics.`,
      {
        location: { file },
        fix: "write a mapping such as `accuracy: 0.91`."
      }
    );
  }
  return doc;
}
function parseMetricsTable(text, file, sep, row) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const kind = sep === "," ? "CSV" : "TSV";
  if (lines.length === 0)
    throw new ReproError(`metrics file ${file} is empty.`, {
      location: { file },
      fix: `write a header line of metric names and a line of values, e.g. \`accuracy${sep}loss\` then \`0.91${sep}0.3\`.`
    });
  const head = splitDelimited(lines[0], sep);
  if (lines.length === 1)
    throw new ReproError(`metrics file ${file} has a header (${head.join(", ")}) but no rows.`, {
      location: { file },
      fix: "make sure the evaluation writes a line of values under the header (and flushes the file before it exits)."
    });
  const rows = lines.slice(1).map((l) => splitDelimited(l, sep));
  let cells;
  if (row === void 0 || row === "last") {
    cells = rows[rows.length - 1];
  } else {
    const found = rows.filter((r) => r[0] === row);
    if (found.length === 0) {
      throw new ReproError(
        `metrics file ${file} has no row whose ${head[0] || "first column"} is "${row}" (rows: ${rows.map((r) => r[0]).join(", ")}).`,
        { location: { file }, fix: "set `row:` to a value of the first column, or to `last`." }
      );
    }
    cells = found[found.length - 1];
  }
  if (cells.length !== head.length)
    throw new ReproError(
      `metrics file ${file}: a ${kind} row has ${cells.length} cells but the header has ${head.length} columns.`,
      {
        location: { file },
        fix: `write one value per header column${sep === "," ? " (quote values that contain commas)" : ""}.`
      }
    );
  const doc = {};
  head.forEach((name, i) => doc[name] = tableCell(cells[i]));
  return doc;
}
function tableCell(cell) {
  if (cell === "") return null;
  const special = {
    nan: Number.NaN,
    inf: Infinity,
    "+inf": Infinity,
    "-inf": -Infinity,
    infinity: Infinity,
    "-infinity": -Infinity
  };
  if (cell.toLowerCase() in special) return special[cell.toLowerCase()];
  const n = Number(cell);
  return Number.isNaN(n) ? cell : n;
}
function dvcMetricsFiles(text, file) {
  const doc = parseMetricsYaml(text, file);
  const entries = (list) => Array.isArray(list) ? list.flatMap((m) => typeof m === "string" ? [m] : m && typeof m === "object" ? Object.keys(m) : []) : [];
  const files = [...entries(doc.metrics), ...Object.values(doc.stages ?? {}).flatMap((s) => entries(s?.metrics))];
  if (files.length === 0)
    throw new ReproError(`${file} names no metrics files.`, {
      location: { file },
      fix: "list them under `metrics:` (top level or in a stage), as `dvc metrics show` expects, or point `metrics:` in repro.yml at the metrics file itself."
    });
  return [...new Set(files)];
}
function mergeMetrics(docs) {
  const out = {};
  const from = {};
  for (const { file, doc, prefix } of docs) {
    const scoped = prefix ? { [prefix]: doc } : doc;
    for (const [k, v] of Object.entries(scoped)) {
      if (k in out) {
        throw new ReproError(`metric "${k}" is in both ${from[k]} and ${file}.`, {
          location: { file },
          fix: "give one of the files a `prefix:` under `metrics.files` (its metrics then read `PREFIX.name`), or drop the duplicate."
        });
      }
      out[k] = v;
      from[k] = file;
    }
  }
  return out;
}

// src/dockerfile/expand.ts
var closedScope = (vars = {}) => ({ vars, unknown: /* @__PURE__ */ new Set(), open: false });
function expandWord(word, scope, escape = "\\") {
  const unresolved = [];
  const lookup2 = (name) => {
    if (name in scope.vars && !scope.unknown.has(name)) return scope.vars[name];
    if ((scope.unknown.has(name) || scope.open) && !unresolved.includes(name)) unresolved.push(name);
    return void 0;
  };
  const isSet = (name) => name in scope.vars || scope.unknown.has(name);
  let out = "";
  let i = 0;
  const variable = () => {
    i++;
    if (word[i] === "{") {
      const close = matchingBrace(word, i);
      const inner = word.slice(i + 1, close < 0 ? word.length : close);
      i = close < 0 ? word.length : close + 1;
      return braced(inner, lookup2, isSet, scope, escape, unresolved);
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i));
    if (!m) return "$";
    i += m[0].length;
    return lookup2(m[0]) ?? "";
  };
  while (i < word.length) {
    const c = word[i];
    if (c === escape) {
      out += word[i + 1] ?? "";
      i += 2;
    } else if (c === "'") {
      const end = word.indexOf("'", i + 1);
      out += word.slice(i + 1, end < 0 ? word.length : end);
      i = end < 0 ? word.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        if (word[i] === "$") out += variable();
        else if (word[i] === escape && ['"', "$", escape].includes(word[i + 1])) {
          out += word[i + 1];
          i += 2;
        } else out += word[i++];
      }
      i++;
    } else if (c === "$") out += variable();
    else out += word[i++];
  }
  return { value: out, unresolved };
}
function matchingBrace(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i;
  }
  return -1;
}
function braced(inner, lookup2, isSet, scope, escape, unresolved) {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(inner);
  if (!m) return "";
  const [, name, rest] = m;
  const value = lookup2(name);
  const sub = (w) => {
    const e = expandWord(w, scope, escape);
    for (const n of e.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
    return e.value;
  };
  if (rest === "") return value ?? "";
  const op = /^(:?[-+?]|##?|%%?|\/\/?)(.*)$/s.exec(rest);
  if (!op) return value ?? "";
  const [, kind, arg] = op;
  const nonEmpty = value !== void 0 && value !== "";
  switch (kind) {
    case ":-":
      return nonEmpty ? value : sub(arg);
    case "-":
      return isSet(name) ? value ?? "" : sub(arg);
    case ":+":
      return nonEmpty ? sub(arg) : "";
    case "+":
      return isSet(name) ? sub(arg) : "";
    case ":?":
    case "?":
      return value ?? "";
    case "#":
    case "##":
      return removeAffix(value ?? "", sub(arg), "prefix", kind === "##");
    case "%":
    case "%%":
      return removeAffix(value ?? "", sub(arg), "suffix", kind === "%%");
    default: {
      const slash = arg.search(new RegExp(`(?<!${escape === "\\" ? "\\\\" : escape})/`));
      const pattern = sub(slash < 0 ? arg : arg.slice(0, slash));
      const repl = slash < 0 ? "" : sub(arg.slice(slash + 1));
      if (pattern === "") return value ?? "";
      return (value ?? "").replace(new RegExp(globSource(pattern, true), kind === "//" ? "g" : ""), () => repl);
    }
  }
}
function globSource(glob, greedy) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") re += greedy ? ".*" : ".*?";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += "[" + glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return re;
}
function removeAffix(value, pattern, side, longest) {
  if (side === "prefix") {
    const m = new RegExp("^(?:" + globSource(pattern, longest) + ")", "s").exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  const re = new RegExp("^(?:" + globSource(pattern, true) + ")$", "s");
  const starts = [...Array(value.length + 1).keys()];
  for (const start of longest ? starts : starts.reverse())
    if (re.test(value.slice(start))) return value.slice(0, start);
  return value;
}

// src/dockerfile/parse.ts
var FLAG_KEYWORDS = /* @__PURE__ */ new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);
var HEREDOC_KEYWORDS = /* @__PURE__ */ new Set(["RUN", "COPY", "ADD"]);
var DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
var DIRECTIVES = /* @__PURE__ */ new Set(["syntax", "escape", "check"]);
var parsed = /* @__PURE__ */ new Map();
var KEEP_PARSED = 32;
function parseDockerfile(text) {
  let df = parsed.get(text);
  if (!df) {
    df = deepFreeze(parseText(text));
    if (parsed.size >= KEEP_PARSED) parsed.delete(parsed.keys().next().value);
    parsed.set(text, df);
  }
  return df;
}
function deepFreeze(o) {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
function parseText(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const out = { directives: [], errors: [], escape: "\\", instructions: [], stages: [], comments: [] };
  const fail = (line, message) => out.errors.push({ line, message });
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trimStart();
    const m = line.startsWith("#") ? DIRECTIVE.exec(line) : null;
    const name = m?.[1].toLowerCase();
    if (!m || !name || !DIRECTIVES.has(name)) break;
    if (out.directives.some((d) => d.name === name)) {
      fail(i + 1, `only one ${name} parser directive can be used`);
      i++;
      break;
    }
    out.directives.push({ name, value: m[2], line: i + 1 });
    if (name !== "escape") continue;
    if (m[2] === "`" || m[2] === "\\") out.escape = m[2];
    else fail(i + 1, `invalid escape token '${m[2]}' does not match \` or \\`);
  }
  const esc = out.escape === "`" ? "`" : "\\\\";
  const continuation = new RegExp(`(?:([^${esc}])${esc}|^${esc})[ \\t]*$`);
  const isComment = (s) => s.trimStart().startsWith("#");
  let stage = -1;
  while (i < lines.length) {
    const first = lines[i].trimStart();
    if (first === "" || first.startsWith("#")) {
      if (first.startsWith("#")) out.comments.push({ line: i + 1, text: first.slice(1).trim() });
      i++;
      continue;
    }
    const start = i;
    let logical = "";
    let cur = first;
    for (; ; ) {
      const m2 = continuation.exec(cur);
      if (!m2) {
        logical += cur;
        break;
      }
      logical += cur.slice(0, m2.index) + (m2[1] ?? "");
      i++;
      while (i < lines.length && (lines[i].trim() === "" || isComment(lines[i]))) i++;
      if (i >= lines.length) break;
      cur = lines[i];
    }
    const end = Math.min(i, lines.length - 1);
    i = end + 1;
    const m = /^\s*(\S+)\s*(.*)$/s.exec(logical);
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    const { flags, rest } = FLAG_KEYWORDS.has(keyword) ? splitFlags(args) : { flags: [], rest: args };
    const heredocs = [];
    let endLine = end + 1;
    if (HEREDOC_KEYWORDS.has(keyword) && logical.includes("<<")) {
      for (const h of heredocNames(logical)) {
        const body = [];
        let closed = false;
        while (i < lines.length) {
          const l = lines[i++];
          const candidate = h.chomp ? l.replace(/^\t+/, "") : l;
          if (candidate === h.name) {
            closed = true;
            break;
          }
          body.push(candidate);
        }
        if (!closed) fail(start + 1, `unterminated heredoc: no line \`${h.name}\` ends it`);
        heredocs.push({ name: h.name, chomp: h.chomp, content: body.join("\n") });
        endLine = i;
      }
    }
    if (keyword === "FROM") stage++;
    else if (stage < 0 && keyword !== "ARG")
      fail(start + 1, `no build stage in current context: ${keyword} comes before the first FROM`);
    const instr = { keyword, args, flags, body: rest, heredocs, line: start + 1, endLine, stage };
    const json = parseJsonArray(rest);
    if (json === "not strings") fail(start + 1, `${keyword}: a JSON array must hold strings only`);
    else if (json) instr.json = json;
    const problem = keyValueProblem(keyword, rest);
    if (problem) fail(start + 1, problem);
    out.instructions.push(instr);
    if (keyword === "FROM") {
      const words = splitWords(rest);
      const asAt = words.findIndex((w) => w.toLowerCase() === "as");
      out.stages.push({
        index: stage,
        from: words[0] ?? "",
        name: asAt > 0 && words[asAt + 1] ? words[asAt + 1].toLowerCase() : void 0,
        platform: flags.find((f) => f.name === "platform")?.value,
        line: start + 1,
        instructions: [instr]
      });
    } else if (stage >= 0) {
      out.stages[stage].instructions.push(instr);
    }
  }
  if (out.instructions.length === 0) fail(Math.max(lines.length, 1), "file with no instructions");
  return out;
}
function keyValueProblem(keyword, rest) {
  if (keyword !== "ENV" && keyword !== "LABEL") return void 0;
  const words = splitWords(rest, true);
  if (words.length === 0) return void 0;
  if (!words[0].includes("=")) {
    return /\s/.test(rest) ? void 0 : `${keyword} must have two arguments: \`${keyword} ${rest}=value\``;
  }
  const bad = words.find((w) => !w.includes("="));
  if (bad !== void 0)
    return `${keyword}: can't find = in "${bad}"; write \`name=value\` (quote a value with spaces)`;
  if (words.some((w) => w.startsWith("="))) return `${keyword} names can not be blank`;
  return void 0;
}
function splitFlags(args) {
  const flags = [];
  let pos = 0;
  for (; ; ) {
    while (pos < args.length && /\s/.test(args[pos])) pos++;
    if (!args.startsWith("--", pos)) break;
    const start = pos;
    let quote = "";
    let word = "";
    for (; pos < args.length; pos++) {
      const c = args[pos];
      if (quote) {
        if (c === quote) quote = "";
        else word += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (/\s/.test(c)) break;
      else word += c;
    }
    const raw = args.slice(start, pos);
    const eq = word.indexOf("=");
    flags.push(eq < 0 ? { name: word.slice(2), raw } : { name: word.slice(2, eq), value: word.slice(eq + 1), raw });
  }
  return { flags, rest: args.slice(pos).trim() };
}
function contextCopyWords(i) {
  if (i.keyword !== "COPY" && i.keyword !== "ADD") return void 0;
  if (i.heredocs.length > 0 || i.flags.some((f) => f.name === "from")) return void 0;
  return i.json ?? splitWords(i.body);
}
function splitWords(s, raw = false) {
  const words = [];
  let word;
  let quote = "";
  for (const c of s) {
    if (quote) {
      if (c !== quote || raw) word += c;
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      quote = c;
      word = (word ?? "") + (raw ? c : "");
    } else if (/\s/.test(c)) {
      if (word !== void 0) words.push(word);
      word = void 0;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== void 0) words.push(word);
  return words;
}
function parseJsonArray(s) {
  if (!s.startsWith("[")) return void 0;
  try {
    const v = JSON.parse(s);
    if (!Array.isArray(v)) return void 0;
    return v.every((x) => typeof x === "string") ? v : "not strings";
  } catch {
    return void 0;
  }
}
function heredocNames(line) {
  const out = [];
  for (const word of splitWords(line, true)) {
    const m = /^\d*<<(-?)\s*([^<]*)$/.exec(word);
    const name = m?.[2].replace(/\\(.)/g, "$1").replace(/["']/g, "");
    if (m && name) out.push({ name, chomp: m[1] === "-" });
  }
  return out;
}
var MOUNT_KEYS = /* @__PURE__ */ new Set([
  "type",
  "from",
  "source",
  "src",
  "target",
  "dst",
  "destination",
  "readonly",
  "ro",
  "readwrite",
  "rw",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "env"
]);
var MOUNT_TYPES = /* @__PURE__ */ new Set(["bind", "cache", "tmpfs", "secret", "ssh"]);
var SHARING = /* @__PURE__ */ new Set(["shared", "private", "locked"]);
function runMounts(instr, scope = closedScope()) {
  if (instr.keyword !== "RUN") return [];
  return instr.flags.filter((f) => f.name === "mount" && f.value !== void 0).map((f) => runMount(f.value, f.raw, scope));
}
function runMount(value, raw = `--mount=${value}`, scope = closedScope()) {
  const kv = {};
  const unresolved = [];
  let error;
  for (const field of splitDelimited(value, ",")) {
    if (field === "") continue;
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (!MOUNT_KEYS.has(key)) error ??= `unexpected key '${key}' in '${field}'`;
    if (eq < 0) {
      if (["readonly", "ro", "readwrite", "rw", "required"].includes(key)) kv[key] = "true";
      else error ??= `invalid field '${field}' must be a key=value pair`;
      continue;
    }
    const e = expandWord(field.slice(eq + 1), scope);
    for (const n of e.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
    kv[key] = e.value;
  }
  const pick = (...keys) => keys.map((k) => kv[k]).find((v) => v !== void 0);
  const type = (pick("type") ?? "bind").toLowerCase();
  if (!MOUNT_TYPES.has(type)) error ??= `unsupported mount type "${pick("type")}"`;
  const target = pick("target", "dst", "destination");
  const num = (v) => v === void 0 || !/^\d+$/.test(v) ? void 0 : Number(v);
  const bool = (v) => v !== void 0 && ["1", "t", "true"].includes(v.toLowerCase());
  const ro = pick("readonly", "ro");
  const rw = pick("rw", "readwrite");
  const mount = {
    type,
    target,
    source: pick("source", "src"),
    from: pick("from"),
    // Bind, secret and ssh mounts are read-only unless `rw`; cache and tmpfs are writable unless `ro`.
    readonly: ro !== void 0 ? bool(ro) : rw !== void 0 ? !bool(rw) : type !== "cache" && type !== "tmpfs",
    raw
  };
  if (type === "secret") {
    mount.id = pick("id") || (target === void 0 ? void 0 : cleanPath(target).split("/").pop());
    if (mount.id === void 0) error ??= "one of id or target is required for a secret mount";
    else mount.target ??= `/run/secrets/${mount.id}`;
  }
  if (type === "ssh") mount.id = pick("id") || "default";
  if (type === "cache") {
    mount.id = pick("id") || (target === void 0 ? void 0 : cleanPath(target));
    mount.sharing = (pick("sharing") ?? "shared").toLowerCase();
    if (!SHARING.has(mount.sharing)) error ??= `unsupported sharing value "${pick("sharing")}"`;
  }
  for (const key of ["uid", "gid"]) {
    const v = pick(key);
    const n = num(v);
    if (n !== void 0) mount[key] = n;
    else if (v !== void 0 && !unresolved.length) error ??= `invalid value ${v} for ${key}`;
  }
  const mode = pick("mode");
  if (mode !== void 0) mount.mode = mode;
  if (unresolved.length) mount.unresolved = unresolved;
  if (error) mount.error = error;
  return mount;
}
function cleanPath(p) {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const parts = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!rooted) parts.push("..");
    } else parts.push(part);
  }
  const joined = parts.join("/");
  return rooted ? "/" + joined : joined || ".";
}
function expandVars(s, vars) {
  return expandWord(s, closedScope(vars)).value;
}
function platformArgs(arch = process.arch) {
  const goArch = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x" }[arch] ?? arch;
  const platform = `linux/${goArch}`;
  const out = {};
  for (const p of ["TARGET", "BUILD"]) {
    Object.assign(out, { [`${p}PLATFORM`]: platform, [`${p}OS`]: "linux", [`${p}ARCH`]: goArch, [`${p}VARIANT`]: "" });
  }
  return out;
}
function instructionScopes(df, buildArgs = {}, platform = platformArgs()) {
  const globals = globalArgs(df, buildArgs);
  const byInstr = /* @__PURE__ */ new Map();
  const finals = [];
  for (const stage of df.stages) {
    const from = expandVars(stage.from, globals).toLowerCase();
    const parent = df.stages.find((s) => s.index < stage.index && s.name === from);
    const inherited = parent ? finals[parent.index] : void 0;
    const open = inherited ? inherited.open : from !== "scratch";
    let scope = { vars: {}, unknown: /* @__PURE__ */ new Set(), open, env: new Set(inherited?.env ?? []) };
    if (inherited) {
      for (const [k, v] of Object.entries(inherited.vars)) if (inherited.env.has(k)) scope.vars[k] = v;
      for (const k of inherited.unknown) if (inherited.env.has(k)) scope.unknown.add(k);
    }
    for (const instr of stage.instructions) {
      byInstr.set(instr, scope);
      if (instr.keyword !== "ARG" && instr.keyword !== "ENV") continue;
      const next = {
        vars: { ...scope.vars },
        unknown: new Set(scope.unknown),
        open,
        env: new Set(scope.env)
      };
      for (const [name, raw] of keyValuePairs(instr.body, instr.keyword, true)) {
        let value;
        let unresolvedBy = [];
        if (instr.keyword === "ARG") {
          next.env.delete(name);
          if (name in buildArgs) value = buildArgs[name];
          else if (raw === void 0) value = globals[name] ?? platform[name] ?? "";
          else ({ value, unresolved: unresolvedBy } = expandWord(raw, scope, df.escape));
        } else {
          next.env.add(name);
          ({ value, unresolved: unresolvedBy } = expandWord(raw ?? "", scope, df.escape));
        }
        next.vars[name] = value ?? "";
        if (unresolvedBy.length) next.unknown.add(name);
        else next.unknown.delete(name);
      }
      scope = next;
    }
    finals[stage.index] = scope;
  }
  return byInstr;
}
function keyValuePairs(body, keyword, raw = false) {
  const words = splitWords(body, raw);
  const first = splitWords(body, true)[0];
  if (keyword !== "ARG" && first !== void 0 && !first.includes("="))
    return [[words[0], body.trim().slice(first.length).trim()]];
  return words.map((w) => {
    const eq = w.indexOf("=");
    return eq < 0 ? [w, void 0] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}
function globalArgs(df, buildArgs = {}) {
  const vars = {};
  for (const instr of df.instructions) {
    if (instr.stage >= 0) break;
    if (instr.keyword !== "ARG") continue;
    for (const w of splitWords(instr.body)) {
      const eq = w.indexOf("=");
      const name = eq < 0 ? w : w.slice(0, eq);
      const value = buildArgs[name] ?? (eq < 0 ? void 0 : expandVars(w.slice(eq + 1), vars));
      if (value !== void 0) vars[name] = value;
    }
  }
  return vars;
}
function baseImage(df, stage, buildArgs = {}) {
  const globals = globalArgs(df, buildArgs);
  let cur = stage;
  for (let hops = 0; cur && hops <= df.stages.length; hops++) {
    const from = expandVars(cur.from, globals);
    const prev = df.stages.find((s) => s.index < cur.index && s.name === from.toLowerCase());
    if (!prev) return from.toLowerCase() === "scratch" ? void 0 : from;
    cur = prev;
  }
  return void 0;
}

// src/config/resources.ts
var DEFAULT_HEARTBEAT_S = 5 * 60;
var MAX_ENV_LINE_BYTES = 64 * 1024 - 1;
var MAX_ENV_TOTAL_BYTES = 1024 * 1024;
function parseStepResources(raw, step, problem) {
  if (raw.cpus !== void 0 && !(raw.cpus > 0))
    problem(
      ["cpus"],
      `cpus must be above 0, got ${raw.cpus}.`,
      "write a number of CPUs such as `2` or `0.5`, or leave it out for no limit."
    );
  if (raw.ipc === "host" && raw["shm-size"] !== void 0) {
    problem(
      ["shm-size"],
      "`shm-size` has no effect with `ipc: host` (the container uses the machine's /dev/shm).",
      "drop `shm-size`, or drop `ipc: host`."
    );
  }
  for (const name of Object.keys(step.env)) {
    const why = refusedEnvName(name);
    if (why) problem(["env", name], `${name} is never passed to a container: ${why}.`, REFUSED_ENV_FIX);
    const bytes = Buffer.byteLength(`${name}=${step.env[name]}`);
    if (bytes > MAX_ENV_LINE_BYTES)
      problem(
        ["env", name],
        `${name} is ${bytes} bytes, more than docker takes in one variable (${MAX_ENV_LINE_BYTES}).`,
        "put large data in a file under a mount, and pass its path."
      );
  }
  const total = Object.entries(step.env).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 2, 0);
  if (total > MAX_ENV_TOTAL_BYTES)
    problem(
      ["env"],
      `the step's environment is ${total} bytes, more than repro-ci passes to a container (${MAX_ENV_TOTAL_BYTES}).`,
      "put large data in a file under a mount, and pass its path."
    );
  const passEnv = raw["pass-env"] ?? [];
  passEnv.forEach((name, i) => {
    const why = refusedEnvName(name);
    if (why) problem(["pass-env", i], `${name} is never passed to a container: ${why}.`, REFUSED_ENV_FIX);
    if (name in step.env)
      problem(
        ["pass-env", i],
        `"${name}" is both set under \`env:\` and passed from the runner.`,
        "keep one: `env:` for a fixed value, `pass-env:` for the runner's value."
      );
    if (passEnv.indexOf(name) !== i) problem(["pass-env", i], `"${name}" is listed twice.`, "list each name once.");
  });
  const caches = Object.entries(raw.caches ?? {}).map(([name, container]) => ({
    name,
    container: container.replace(/\/+$/, "") || "/"
  }));
  const seen = /* @__PURE__ */ new Map();
  for (const c of caches) {
    if (c.container === "/")
      problem(["caches", c.name], "a cache cannot be mounted on `/`.", "use a folder such as `/cache/hf`.");
    const other = seen.get(c.container) ?? (step.mountTargets.includes(c.container) ? "a mount" : void 0);
    if (other)
      problem(
        ["caches", c.name],
        `cache "${c.name}" uses ${c.container}, which ${other === "a mount" ? "a mount" : `cache "${other}"`} already uses.`,
        "give each cache and mount its own folder."
      );
    seen.set(c.container, c.name);
  }
  return {
    shmSize: raw["shm-size"],
    memory: raw.memory,
    cpus: raw.cpus,
    ulimits: raw.ulimits ?? {},
    ipc: raw.ipc,
    user: raw.user,
    passEnv,
    caches,
    heartbeatSeconds: raw.heartbeat === void 0 ? DEFAULT_HEARTBEAT_S : parseDuration(raw.heartbeat) ?? 0
  };
}

// src/lint/rules.ts
var RULES = [
  {
    id: "RC001",
    name: "buildkit-refuses",
    severity: "error",
    title: "BuildKit cannot build this Dockerfile: its parser or instruction reader stops at this line.",
    why: "the build fails before any step runs, so nothing can be trained, checked or published from it.",
    fix: "correct the line as the message says (the message is the error BuildKit gives); `docker buildx build --check .` shows it too."
  },
  {
    id: "RC101",
    name: "from-tag",
    severity: "warning",
    title: "FROM has no tag, or uses `latest`.",
    why: "an untagged or `latest` base image is whatever was pushed last: the next build silently gets another OS and Python.",
    fix: "name a version tag, e.g. `FROM python:3.11-slim`, and better pin its digest as well (RC102)."
  },
  {
    id: "RC102",
    name: "from-digest",
    severity: "warning",
    title: "FROM is not pinned by digest.",
    why: "tags move: `python:3.11-slim` is rebuilt for every patch release, so the same Dockerfile builds different images over time.",
    fix: 'append the digest: `FROM python:3.11-slim@sha256:...` (`docker image inspect --format "{{index .RepoDigests 0}}" IMAGE` prints it); keep the tag for readers.'
  },
  {
    id: "RC103",
    name: "syntax-directive",
    severity: "warning",
    title: "A `# syntax=` parser directive makes BuildKit fetch the Dockerfile frontend image.",
    why: "BuildKit pulls that frontend from a registry (Docker Hub for docker/dockerfile) before reading the file: builds fail offline or behind a mirror (BuildKit v0.8 on dockerd 20.10 always tries), and a floating `:1` changes the parser under you.",
    fix: "delete the line unless you need newer syntax (heredocs, `COPY --link`); then pin it: `# syntax=docker/dockerfile:1.7@sha256:...`."
  },
  {
    id: "RC104",
    name: "copy-from-image",
    severity: "warning",
    title: "`COPY --from=` names an image by tag, not by digest.",
    why: "like an unpinned FROM, the files copied from `--from=image:tag` change whenever that tag is pushed again.",
    fix: "pin it: `COPY --from=image:tag@sha256:...`, or name a stage of this Dockerfile that starts from a pinned image."
  },
  {
    id: "RC201",
    name: "requirements-unpinned",
    severity: "warning",
    title: "A requirements file installed by the Dockerfile has requirements that are not pinned.",
    why: "`>=`, `~=`, `==1.*` and bare names resolve to whatever is newest on the day of the build, so results drift with the index.",
    fix: "pin every line with `==` (generate them with `pip freeze`, `pip-compile` or `uv pip compile`), or add `--hash=` to every line."
  },
  {
    id: "RC202",
    name: "install-unpinned",
    severity: "warning",
    title: "Packages named on an install command line are not pinned.",
    why: "a bare `pip install numpy` (or `conda install numpy`) installs the newest release on the day of the build.",
    fix: "pin each package (`numpy==1.26.4`, conda `numpy=1.26.4`), or move them into a pinned requirements or lock file."
  },
  {
    id: "RC203",
    name: "lockfile-unused",
    severity: "warning",
    title: "uv, Poetry, Pipenv or conda installs without using a lock file.",
    why: "without the lock the tool resolves versions again at build time, and a lock that is not enforced can be silently updated.",
    fix: "copy the lock file in and enforce it: `uv sync --locked`, `poetry install` with poetry.lock copied (never `poetry lock`/`update` in the image), `pipenv install --deploy`, conda from an `@EXPLICIT` spec or `conda-lock install`."
  },
  {
    id: "RC204",
    name: "fetch-unpinned",
    severity: "warning",
    title: "Something is fetched at build time by a moving name: `releases/latest`, an `ADD` URL without a checksum, a `git clone` of a branch.",
    why: "the next build fetches whatever that name points to then: another version of the tool or code, with nothing in the Dockerfile changed.",
    fix: "name the exact release (`releases/download/v1.2.3/...`), give `ADD --checksum=sha256:...`, and `git checkout <commit>` after the clone (or clone a tag)."
  },
  {
    id: "RC205",
    name: "pipe-to-shell",
    severity: "warning",
    title: "A script downloaded and run in one go (`curl ... | sh`).",
    why: "the script is whatever the server sends at build time, unchecked: it changes, or fails, without a trace in the Dockerfile.",
    fix: 'download a pinned version to a file, check its sha256 (`echo "SUM  file" | sha256sum -c`), then run it; or use a package manager.'
  },
  {
    id: "RC301",
    name: "copy-all-before-deps",
    severity: "warning",
    title: "The whole build context is copied before dependencies are installed.",
    why: "every code edit then invalidates the install layer: dependencies are downloaded and resolved again, slowly and possibly to other versions.",
    fix: "copy only the dependency files first (`COPY requirements.txt .`), install, then `COPY . .`."
  },
  {
    id: "RC302",
    name: "dockerignore-missing",
    severity: "warning",
    title: "The build context has no .dockerignore.",
    why: "everything in the folder (data, checkpoints, virtualenvs, .git) is sent to the builder, slowing every build, and `COPY . .` puts it in the image.",
    fix: "add a .dockerignore next to the context with at least `.git/`, `data/`, `models/`, `venv/`, `.venv/`, `__pycache__/`."
  },
  {
    id: "RC303",
    name: "dockerignore-weak",
    severity: "warning",
    title: ".dockerignore does not exclude data, models, virtualenvs or .git that are in the build context.",
    why: "large or machine-specific folders are sent to the builder and can leak into the image, making it bigger and different on every machine.",
    fix: "add the listed folders to .dockerignore (mount data and models at run time instead)."
  },
  {
    id: "RC304",
    name: "context-large",
    severity: "note",
    title: "The build context is large.",
    why: "the whole context is sent to the builder on every build, before any cache can help.",
    fix: "exclude the largest folders listed in the message with .dockerignore, or point `context:` at a smaller folder."
  },
  {
    id: "RC305",
    name: "copy-source-missing",
    severity: "warning",
    title: "A COPY or ADD source is not in the build context (or .dockerignore excludes it).",
    why: 'BuildKit fails with `"/path" not found`; or the file is made by an earlier workflow step that a fresh clone does not have, so the build cannot be reproduced from the commit.',
    fix: "commit the file, point the image's `context:` at the folder that holds it, or remove it from .dockerignore; data belongs in a mount, not the image."
  },
  {
    id: "RC306",
    name: "step-output-in-context",
    severity: "warning",
    title: "A folder a step writes into (a writable mount) is sent to the build.",
    why: "the next build sends what the last run wrote: one commit gives a new image on every run, holding old outputs, and a fresh clone builds something else.",
    fix: "repro-ci keeps its results folder and the folders steps write out of a build by itself, unless the Dockerfile COPYs one by name (as here, or the lint ran without repro.yml): COPY only what the image needs from it, add it to .dockerignore, or mount a folder outside the context."
  },
  {
    id: "RC401",
    name: "apt-recommends",
    severity: "warning",
    title: "`apt-get install` without `--no-install-recommends`.",
    why: "recommended packages are an unpinned, changing set of extra software in the image.",
    fix: "use `apt-get install -y --no-install-recommends PACKAGES`."
  },
  {
    id: "RC402",
    name: "apt-cleanup",
    severity: "note",
    title: "apt package lists are left in the image and no cache mount is used.",
    why: "the lists add tens of MB to the layer and go stale; a cache mount keeps downloads between builds instead.",
    fix: "end the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use `RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt`."
  },
  {
    id: "RC403",
    name: "pip-cache-contradiction",
    severity: "warning",
    title: "`--no-cache-dir` (or PIP_NO_CACHE_DIR) together with a pip cache mount.",
    why: "the flag makes pip ignore the cache mount, so every build downloads every wheel again.",
    fix: "drop `--no-cache-dir`: the cache mount is not part of the image, so it costs no image size."
  },
  {
    id: "RC404",
    name: "cache-mount-unknown",
    severity: "warning",
    title: "A cache mount whose id or options use a variable the Dockerfile does not set.",
    why: "only the base image can set that variable (its ENV), so the cache the build really uses is unknown here: repro-ci cannot keep it between CI runs, and a changed base image silently changes which cache is used.",
    fix: "write the value (`uid=1000`), or declare it with `ARG NAME=value` in the stage (a build arg can then override it)."
  },
  {
    id: "RC501",
    name: "python-unbuffered",
    severity: "note",
    title: "Python entry point without `-u` or PYTHONUNBUFFERED.",
    why: "Python buffers stdout when it is not a terminal: training logs arrive late or are lost when the container is killed.",
    fix: "add `ENV PYTHONUNBUFFERED=1`, or run `python -u`."
  },
  {
    id: "RC601",
    name: "secret-in-env",
    severity: "warning",
    title: "A secret in ENV or ARG.",
    why: "ENV values and build args are stored in the image metadata and history: anyone who pulls the image can read them.",
    fix: "pass secrets with `RUN --mount=type=secret,id=NAME` at build time, or as environment variables at run time."
  }
];
var RULE_IDS = RULES.map((r) => r.id);
function ruleInfo(id) {
  return RULES.find((r) => r.id === id);
}

// src/config/schema.ts
var IMAGE_NAME_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var durationDoc = "seconds as a number, or a duration such as `90s`, `30m`, `1h30m`";
var LINT_LEVELS = ["warn", "error", "off"];
var PUSH_WHEN = ["auto", "always", "never"];
var GPU_VALUES_HINT = "`all`, a count such as `2`, `device=0,2`, `none` or `optional`";
var GPU_PATTERN = /^(all|none|optional|[1-9]\d*|device=\d+(,\d+)*)$/;
var imageSchema = {
  kind: "object",
  shorthand: { field: "dockerfile", schema: { kind: "string" } },
  fields: {
    dockerfile: { schema: { kind: "string" }, doc: "Dockerfile path, relative to repro.yml.", default: "Dockerfile" },
    context: { schema: { kind: "string" }, doc: "Build context folder, relative to repro.yml.", default: "." },
    target: { schema: { kind: "string" }, doc: "Build stage to stop at (`--target`)." },
    "build-args": {
      schema: {
        kind: "map",
        keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        keyHint: "a build arg name such as PYTHON_VERSION",
        values: { kind: "scalar" }
      },
      doc: "Build arguments (`--build-arg NAME=VALUE`)."
    }
  }
};
var mountSchema = {
  kind: "string",
  pattern: /^[^:]+:\/[^:]*(:(ro|rw))?$/,
  patternHint: "write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute)"
};
var sizeSchema = {
  kind: "string",
  pattern: /^\d+(\.\d+)?[bkmg]?$/i,
  patternHint: "write a size such as `512m` or `2g`"
};
var ULIMIT_NAMES = [
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack"
];
var resourceFields = {
  "shm-size": {
    schema: sizeSchema,
    doc: "Size of /dev/shm (`--shm-size`), e.g. `8g`. PyTorch DataLoader workers pass tensors through it; docker's 64m makes them crash.",
    default: "2g with GPUs, else 64m"
  },
  memory: { schema: sizeSchema, doc: "Memory limit (`--memory`), e.g. `16g`." },
  cpus: { schema: { kind: "number" }, doc: "CPU limit (`--cpus`), e.g. `4` or `1.5`." },
  ulimits: {
    schema: {
      kind: "map",
      keyPattern: new RegExp(`^(${ULIMIT_NAMES.join("|")})$`),
      keyHint: `one of ${ULIMIT_NAMES.join(", ")}`,
      values: {
        kind: "string",
        pattern: /^-?\d+(:-?\d+)?$/,
        patternHint: "write a limit such as `65536`, `SOFT:HARD` such as `1024:65536`, or `-1` for unlimited"
      }
    },
    doc: "Resource limits (`--ulimit NAME=SOFT[:HARD]`), e.g. `{ memlock: -1, stack: 67108864 }`."
  },
  ipc: {
    schema: {
      kind: "string",
      pattern: /^(private|shareable|host|none|container:[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/,
      patternHint: "use `private`, `shareable`, `host`, `none` or `container:NAME`"
    },
    doc: "IPC namespace (`--ipc`); `host` shares the machine's /dev/shm, so `shm-size` does not apply."
  },
  user: {
    schema: {
      kind: "string",
      pattern: /^(runner|[a-z_][a-z0-9_-]*|\d+)(:([a-z_][a-z0-9_-]*|\d+))?$/i,
      patternHint: "use `runner`, `UID`, `UID:GID` or a user name such as `nobody`"
    },
    doc: "User in the container (`--user`). `runner` runs as the uid:gid of the runner, so files written to mounts are not owned by root on self-hosted runners."
  },
  "pass-env": {
    schema: {
      kind: "list",
      items: {
        kind: "string",
        pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        patternHint: "use an environment variable name such as `WANDB_API_KEY`"
      }
    },
    doc: "Names of runner environment variables passed into the container as they are. Values of names containing TOKEN, KEY, SECRET, PASSWORD, PASSWD, CREDENTIAL or AUTH are masked in the log. A name not set on the runner is skipped with a warning."
  },
  caches: {
    schema: {
      kind: "map",
      keyPattern: /^[a-z0-9][a-z0-9_.-]*$/,
      keyHint: "a lower-case name such as `huggingface`",
      values: {
        kind: "string",
        pattern: /^\/./,
        patternHint: "use an absolute folder in the container, e.g. `/root/.cache/huggingface`"
      }
    },
    doc: "Run-time caches, NAME: CONTAINER_FOLDER (model weights, datasets: point HF_HOME, TORCH_HOME... at it). A host folder per name is mounted there, kept between runs on the machine and, in the action, saved and restored through the Actions cache.",
    example: "caches:\n  huggingface: /cache/hf\nenv:\n  HF_HOME: /cache/hf"
  },
  heartbeat: {
    schema: {
      kind: "string",
      pattern: /^(off|(?=\d)(\d+h)?(\d+m)?(\d+s?)?)$/,
      patternHint: "write a duration such as `90s`, `5m` or `1h`, or `off`"
    },
    doc: "Print a `still running` line when the step has printed nothing for this long, so people and idle watchdogs see it is alive; `off` turns it off.",
    default: "5m"
  }
};
var stepSchema = {
  kind: "object",
  fields: {
    name: {
      schema: {
        kind: "string",
        pattern: /^[a-z0-9][a-z0-9_.-]*$/i,
        patternHint: "use letters, digits, `.`, `_` and `-`, e.g. `train`"
      },
      doc: "Step name, unique.",
      required: true
    },
    image: {
      schema: { kind: "string" },
      doc: "Key of the image (under `images`) to run. May be left out when there is one image."
    },
    command: {
      schema: { kind: "command" },
      doc: "Command that replaces the image's ENTRYPOINT and CMD (a list, or a string split into words; no shell)."
    },
    args: { schema: { kind: "command" }, doc: "Arguments given to the image's ENTRYPOINT, replacing its CMD." },
    env: {
      schema: {
        kind: "map",
        keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        keyHint: "an environment variable name such as SEED",
        values: { kind: "scalar" }
      },
      doc: "Environment variables for the container."
    },
    mounts: {
      schema: { kind: "list", items: mountSchema },
      doc: "Bind mounts `HOST:CONTAINER[:ro]`. HOST is relative to repro.yml, must stay inside it, and is created when missing. A relative path a script writes lands under the image's WORKDIR: mount there. A writable HOST folder inside a build context is kept out of that build (a run's outputs never enter the next image) unless the Dockerfile COPYs it by name."
    },
    workdir: {
      schema: { kind: "string", pattern: /^\//, patternHint: "use an absolute path in the container, e.g. `/app`" },
      doc: "Working directory in the container."
    },
    timeout: {
      schema: { kind: "duration" },
      doc: `Time limit; the container is stopped and the run fails past it (${durationDoc}).`,
      default: "6h"
    },
    gpus: {
      schema: { kind: "string", pattern: GPU_PATTERN, patternHint: `use ${GPU_VALUES_HINT}` },
      doc: `GPUs for the container: ${GPU_VALUES_HINT}.`,
      default: "none"
    },
    network: { schema: { kind: "string" }, doc: "Docker network (`none` cuts the container off).", default: "bridge" },
    ...resourceFields
  }
};
var ruleSchema = {
  kind: "object",
  fields: {
    min: { schema: { kind: "number" }, doc: "Fail when the metric is below this value." },
    max: { schema: { kind: "number" }, doc: "Fail when the metric is above this value." },
    reference: {
      schema: {
        kind: "object",
        fields: {
          atol: { schema: { kind: "number" }, doc: "Absolute tolerance.", default: "0" },
          rtol: { schema: { kind: "number" }, doc: "Tolerance relative to the reference value.", default: "0" }
        }
      },
      doc: "Fail unless `|value - reference| <= atol + rtol * |reference|`, the reference read from `metrics.reference`.",
      example: "reference: { atol: 0.001, rtol: 0.01 }"
    },
    "no-worse-than-base": {
      schema: {
        kind: "object",
        shorthand: { field: "direction", schema: { kind: "string", enum: ["higher", "lower"] } },
        fields: {
          direction: {
            schema: { kind: "string", enum: ["higher", "lower"] },
            doc: "Which way is better: `higher` (accuracy) or `lower` (loss).",
            required: true
          },
          "allowed-drop": {
            schema: { kind: "number" },
            doc: "How much worse than the base the value may be (absolute).",
            default: "0"
          }
        }
      },
      doc: "Fail when the metric is worse than in the last successful run of the pull request's base branch (of the same branch on pushes), kept in the Actions cache. No saved run: a notice, not a failure. A value may be just the direction.",
      example: "no-worse-than-base: { direction: higher, allowed-drop: 0.005 }"
    }
  }
};
var metricsSourceSchema = {
  kind: "object",
  shorthand: { field: "path", schema: { kind: "string" } },
  fields: {
    path: { schema: { kind: "string" }, doc: "Metrics file on the host, relative to repro.yml.", required: true },
    format: {
      schema: { kind: "string", enum: ["json", "yaml", "csv", "tsv", "dvc"] },
      doc: "File format; `dvc` reads the metrics files a dvc.yaml lists.",
      default: "from the file name"
    },
    row: {
      schema: { kind: "string" },
      doc: "CSV/TSV: the row whose first column has this value, or `last`.",
      default: "last"
    },
    prefix: {
      schema: {
        kind: "string",
        pattern: /^[A-Za-z0-9_-]+$/,
        patternHint: "use letters, digits, `_` and `-`, e.g. `train`"
      },
      doc: "Namespace for this file's metrics (`PREFIX.name`), so files may share metric names."
    }
  }
};
var configSchema = {
  kind: "object",
  fields: {
    version: { schema: { kind: "number" }, doc: "Schema version. Only `1` exists.", default: "1" },
    name: {
      schema: {
        kind: "string",
        pattern: IMAGE_NAME_PART,
        patternHint: "use lower-case letters and digits, joined by single `.` or `_`, or by dashes, as docker takes them in an image name, e.g. `mnist-baseline`"
      },
      doc: "Project name, used for local image tags.",
      default: "the folder of repro.yml"
    },
    images: {
      schema: {
        kind: "map",
        keyPattern: IMAGE_NAME_PART,
        keyHint: "a lower-case name such as `train` (letters and digits, joined by `_` or dashes, as docker takes them in an image name)",
        values: imageSchema
      },
      doc: "Images to build, by name. A value may be just the Dockerfile path.",
      required: true,
      example: "images:\n  train: train.dockerfile\n  evaluate: { dockerfile: evaluate.dockerfile }"
    },
    steps: {
      schema: { kind: "list", items: stepSchema },
      doc: "Containers to run, in order. Left out: a build-and-push-only config (release-time publishing), which runs and checks nothing."
    },
    metrics: {
      schema: {
        kind: "object",
        shorthand: { field: "file", schema: { kind: "string" } },
        fields: {
          file: {
            schema: { kind: "string" },
            doc: "Metrics file written by a step (path on the host, relative to repro.yml): JSON, YAML, CSV/TSV (last row) or a dvc.yaml."
          },
          files: {
            schema: { kind: "list", items: metricsSourceSchema },
            doc: "Several metrics files, merged; each a path or a mapping.",
            example: "files:\n  - results/metrics.json\n  - { path: results/log.csv, row: test, prefix: log }"
          },
          reference: {
            schema: { kind: "string" },
            doc: "Reference metrics committed in the repo, for `reference` rules (same formats)."
          }
        }
      },
      doc: "Where the metrics appear on the host. A value may be just the path."
    },
    repeat: {
      schema: {
        kind: "object",
        shorthand: { field: "count", schema: { kind: "number" } },
        fields: {
          count: { schema: { kind: "number" }, doc: "How many runs (2 or more).", required: true },
          steps: {
            schema: { kind: "list", items: { kind: "string" } },
            doc: "Steps run again for each repeat; earlier steps run once.",
            default: "every step"
          },
          "seed-env": {
            schema: {
              kind: "string",
              pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
              patternHint: "use an environment variable name such as SEED"
            },
            doc: "Variable set per run to the step's value plus the run index (0, 1, ...); without it every run gets the same environment, which tests determinism."
          },
          checks: {
            schema: { kind: "string", enum: ["mean", "each"] },
            doc: "Apply the rules to the mean over the runs, or to each run.",
            default: "mean"
          }
        }
      },
      doc: "Run the steps several times: mean, std, min and max per metric, and whether the outputs were bit-identical. A value may be just the count.",
      example: "repeat: { count: 3, steps: [evaluate], seed-env: SEED }"
    },
    checks: {
      schema: { kind: "map", values: ruleSchema },
      doc: "Rules per metric; nested metrics use dotted paths such as `test.accuracy`."
    },
    push: {
      schema: {
        kind: "object",
        fields: {
          image: {
            schema: {
              kind: "string",
              pattern: /^[a-z0-9][a-z0-9._:/-]*$/,
              patternHint: "use a lower-case repository such as `ghcr.io/owner/project` or `127.0.0.1:5000/project`"
            },
            doc: "Repository to push to (registry host included). With several images, each goes to `IMAGE/KEY`."
          },
          when: {
            schema: { kind: "string", enum: PUSH_WHEN },
            doc: "`auto` pushes pushes to the default branch, git tags and published releases, never pull requests or forks; `always` also pushes other branches and pull requests (never forks); `never` does not push.",
            default: "auto"
          },
          tags: {
            schema: { kind: "list", items: { kind: "string" } },
            doc: "Tag rules in docker/metadata-action syntax (`type=schedule|semver|pep440|match|edge|ref|raw|sha,...`), plain tags, or full references. Pre-releases never move `latest`. See docs/tags.md.",
            default: "type=schedule; semver {{version}} and {{major}}.{{minor}}; ref branch, tag, pr; sha",
            example: "tags:\n  - type=semver,pattern={{version}}\n  - type=ref,event=branch\n  - type=raw,value=latest,enable={{is_default_branch}}"
          },
          flavor: {
            schema: {
              kind: "object",
              fields: {
                latest: {
                  schema: { kind: "scalar" },
                  doc: "`auto` (semver, pep440, match and git tags that are not pre-releases), `true` or `false`.",
                  default: "auto"
                },
                prefix: {
                  schema: { kind: "string" },
                  doc: "Prefix for every tag a rule without its own `prefix=` makes."
                },
                suffix: {
                  schema: { kind: "string" },
                  doc: "Suffix for every tag a rule without its own `suffix=` makes, e.g. `-gpu`."
                }
              }
            },
            doc: "Defaults for every tag rule, as metadata-action's `flavor`."
          },
          images: {
            schema: { kind: "list", items: { kind: "string" } },
            doc: "Several repositories to push the same images to, as docker/metadata-action's `images` lines: `ghcr.io/owner/project`, or `name=docker.io/owner/project,enable=false`. The first enabled one is the main repository (layer cache, record, promotion); each gets every tag. Not with `image`.",
            example: "images:\n  - ghcr.io/owner/project\n  - name=docker.io/owner/project,enable=true"
          },
          labels: {
            schema: { kind: "map", values: { kind: "scalar" } },
            doc: "Extra image labels; they override the OCI labels made from the repository and event."
          },
          annotations: {
            schema: { kind: "map", values: { kind: "scalar" } },
            doc: "OCI annotations for the pushed manifests, over the OCI ones made from the repository and event (as metadata-action's `annotations`). Written where the builder supports them (a non-docker buildx driver on the containerd image store); always in the `annotations` output."
          },
          dirty: {
            schema: { kind: "string", enum: ["refuse", "tag"] },
            doc: "A run whose tracked files differ from the commit (uncommitted edits): `refuse` pushes nothing; `tag` pushes it under `dirty-<sha7>-<diff12>` only (the commit and a hash of the edits), never under the tags the rules give (sha, branch, semver, latest), which name the commit. Untracked files do not count.",
            default: "refuse"
          },
          timeout: {
            schema: { kind: "duration" },
            doc: `Longest the push of one tag may take, its retries included (${durationDoc}). Past it the upload is stopped and the push fails naming the registry: a registry that stops answering mid-upload never holds the job. Raise it for large images on a slow link.`,
            default: "10m"
          },
          retries: {
            schema: { kind: "number" },
            doc: "Retries of a push that failed for a passing reason (HTTP 5xx, 429, reset connection, timeout), with backoff. Refused logins are never retried.",
            default: "3"
          }
        }
      },
      doc: "Where and when to push the images (only after every check passed)."
    },
    cache: {
      schema: {
        kind: "object",
        fields: {
          layers: {
            schema: { kind: "string", enum: ["auto", "gha", "registry", "image", "builder", "none"] },
            doc: "Layer cache: `gha` (buildx builders that can export: a non-docker driver, or the docker driver on the containerd image store; with the Actions cache), `registry` (inline cache in `push.image`, read back with --cache-from), `image` (the docker driver or the classic client with the Actions cache: the built image, less the layers of its base image, is kept there with docker save/load and read back with --cache-from; `docker save` writes the whole image after every build that changed it, so `auto` never picks it), `builder` (the local BuildKit cache only), `none`. `auto` picks the first of gha, registry, builder the machine supports.",
            default: "auto"
          },
          "service-timeout": {
            schema: { kind: "duration" },
            doc: `Longest one restore or save of a cache entry in the Actions cache (lookup and transfer) may take before the run goes on without it, with a warning (${durationDoc}).`,
            default: "10m"
          },
          "layer-timeout": {
            schema: { kind: "duration" },
            doc: `Longest a \`type=gha\` layer cache import or export may take before the build goes on without it, with a warning (${durationDoc}). Where the builder reaches this machine's loopback (the docker driver, a remote driver on a unix socket), each request to the cache service must also make progress within 30 s or this time, whichever is less: past that the service is taken as gone for the run.`,
            default: "5m"
          },
          mounts: {
            schema: {
              kind: "map",
              values: {
                kind: "object",
                fields: {
                  files: {
                    schema: { kind: "list", items: { kind: "string" } },
                    doc: "Files whose content decides the cache key (globs relative to repro.yml). Default: lock and requirements files found in the build context."
                  },
                  exclude: {
                    schema: { kind: "boolean" },
                    doc: "Do not keep this mount between runs.",
                    default: "false"
                  }
                }
              }
            },
            doc: "Per `RUN --mount=type=cache` id (the target when it has no id): every such mount is found and kept between runs; list one here to name its key files, exclude it, or add a mount no Dockerfile names.",
            example: "cache:\n  mounts:\n    /root/.cache/pip: { files: [requirements.txt] }\n    /var/cache/apt: { exclude: true }"
          }
        }
      },
      doc: "Caches kept between CI runs through the Actions cache: BuildKit cache mounts and the layer cache."
    },
    results: {
      schema: { kind: "string" },
      doc: "Folder for logs, metrics and reports, relative to repro.yml. Kept even when a step or check fails.",
      default: ".repro-ci"
    },
    lint: {
      schema: {
        kind: "object",
        shorthand: { field: "level", schema: { kind: "string", enum: LINT_LEVELS } },
        fields: {
          level: {
            schema: { kind: "string", enum: LINT_LEVELS },
            doc: "`warn` reports findings as warnings; `error` fails the run before the build when there are any; `off` skips the lint.",
            default: "warn"
          },
          ignore: {
            schema: {
              kind: "list",
              items: {
                kind: "string",
                pattern: /^RC\d{3}$/i,
                patternHint: "write a rule id such as `RC102` (see docs/lint.md)"
              }
            },
            doc: "Rule ids to switch off for every Dockerfile (see docs/lint.md)."
          }
        }
      },
      doc: "The reproducibility lint of the Dockerfiles, run before the build (see docs/lint.md). A value may be just the level.",
      example: "lint: { level: error, ignore: [RC102] }"
    },
    determinism: {
      schema: {
        kind: "object",
        fields: {
          rebuild: {
            schema: { kind: "boolean" },
            doc: "After the build (and after the build caches are saved), build each image again with `--no-cache` and report whether the image ids match; when they differ, whether the file content (layer diff ids) does, and which layer first differs. SOURCE_DATE_EPOCH (the commit time) goes to both builds where BuildKit >= 0.11 supports it.",
            default: "false"
          },
          "fail-on-difference": {
            schema: { kind: "boolean" },
            doc: "Fail the run when a rebuilt image has different file content. Differences in metadata only (timestamps) and failed rebuilds never fail it.",
            default: "false"
          }
        }
      },
      doc: "Rebuild determinism (see docs/record.md). Costs one uncached build per image.",
      example: "determinism: { rebuild: true }"
    }
  }
};

// src/config/validate.ts
var Validator = class {
  constructor(file, lines) {
    this.file = file;
    this.lines = lines;
  }
  file;
  lines;
  problems = [];
  problem(node, path22, message, fix) {
    const offset = node?.range?.[0];
    const pos = offset === void 0 ? void 0 : this.lines.linePos(offset);
    this.problems.push({ location: { file: this.file, line: pos?.line, column: pos?.col }, path: path22, message, fix });
  }
  validate(node, schema4, path22) {
    switch (schema4.kind) {
      case "string":
        return this.string(node, schema4, path22);
      case "number": {
        const v = this.scalarValue(node, path22, "a number", "write a number such as `0.9`");
        if (v === void 0) return void 0;
        if (typeof v !== "number" || !Number.isFinite(v)) {
          this.problem(
            node,
            path22,
            `expected a number, got ${describe(v)}.`,
            "write a number such as `0.9` (no quotes)."
          );
          return void 0;
        }
        return v;
      }
      case "boolean": {
        const v = this.scalarValue(node, path22, "true or false", "write `true` or `false`");
        if (v !== void 0 && typeof v !== "boolean") {
          this.problem(node, path22, `expected true or false, got ${describe(v)}.`, "write `true` or `false`.");
          return void 0;
        }
        return v;
      }
      case "scalar": {
        const v = this.scalarValue(node, path22, "a value", "write a string, number or boolean");
        if (v === void 0) return void 0;
        if (v === null) {
          this.problem(node, path22, "has no value.", 'write a value, or quote an empty one as `""`.');
          return void 0;
        }
        return typeof v !== "string" && isScalar(node) && node.source !== void 0 ? node.source : String(v);
      }
      case "duration": {
        const v = this.scalarValue(node, path22, "a duration", "write a duration such as `30m`");
        if (v === void 0) return void 0;
        const seconds = typeof v === "number" || typeof v === "string" ? parseDuration(v) : void 0;
        if (seconds === void 0) {
          this.problem(
            node,
            path22,
            `${describe(v)} is not a duration.`,
            "write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`."
          );
        } else if (seconds > MAX_DURATION_S) {
          this.problem(
            node,
            path22,
            `is ${seconds} s, longer than the longest time repro-ci can wait (${MAX_DURATION_S} s, 24 days).`,
            "write a shorter limit, e.g. `72h`."
          );
          return void 0;
        }
        return seconds;
      }
      case "command":
        return this.command(node, path22);
      case "list":
        return this.list(node, schema4.items, path22);
      case "map":
        return this.map(node, schema4, path22);
      case "object":
        return this.object(node, schema4, path22);
    }
  }
  scalarValue(node, path22, what, fix) {
    if (!isScalar(node)) {
      this.problem(node, path22, `expected ${what}, got ${kindOf(node)}.`, `${fix}.`);
      return void 0;
    }
    return node.value;
  }
  string(node, schema4, path22) {
    const v = this.scalarValue(node, path22, "a string", "write a plain string");
    if (v === void 0) return void 0;
    if (v === null || typeof v === "boolean" || typeof v === "object") {
      this.problem(
        node,
        path22,
        `expected a string, got ${describe(v)}.`,
        schema4.enum ? `use one of: ${schema4.enum.join(", ")}.` : "write a string (quote it if needed)."
      );
      return void 0;
    }
    const s = String(v);
    if (schema4.enum && !schema4.enum.includes(s)) {
      this.problem(node, path22, `"${s}" is not allowed.`, `${capitalize(didYouMean(s, schema4.enum))}`);
      return void 0;
    }
    if (schema4.pattern && !schema4.pattern.test(s)) {
      this.problem(
        node,
        path22,
        `"${s}" is not valid.`,
        `${capitalize(schema4.patternHint ?? "see the config reference")}.`
      );
      return void 0;
    }
    return s;
  }
  command(node, path22) {
    if (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number")) {
      try {
        return splitCommand(String(node.value));
      } catch (e) {
        this.problem(
          node,
          path22,
          `cannot be split into words: ${e.message}.`,
          'close the quote, or write the command as a list: `["python", "train.py"]`.'
        );
        return void 0;
      }
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        if (isScalar(item) && item.value !== null && typeof item.value !== "object") return String(item.value);
        this.problem(
          item,
          `${path22}[${i}]`,
          `expected a word, got ${kindOf(item)}.`,
          "write each word of the command as a string."
        );
        return "";
      });
    }
    this.problem(
      node,
      path22,
      `expected a command, got ${kindOf(node)}.`,
      'write a list such as `["python", "train.py"]` or a string such as `python train.py`.'
    );
    return void 0;
  }
  list(node, items, path22) {
    if (!isSeq(node)) {
      this.problem(node, path22, `expected a list, got ${kindOf(node)}.`, "write a YAML list, one `- item` per line.");
      return void 0;
    }
    return node.items.map((item, i) => this.validate(item, items, `${path22}[${i}]`));
  }
  map(node, schema4, path22) {
    if (!isMap(node)) {
      this.problem(
        node,
        path22,
        `expected a mapping of names to values, got ${kindOf(node)}.`,
        "write `NAME: value` lines, indented under the key."
      );
      return void 0;
    }
    const out = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : void 0;
      const keyNode = pair.key;
      if (key === void 0) {
        this.problem(keyNode, path22, "has a key that is not a plain name.", "use plain names as keys.");
        continue;
      }
      const sub = path22 ? `${path22}.${key}` : key;
      if (schema4.keyPattern && !schema4.keyPattern.test(key)) {
        this.problem(keyNode, sub, `"${key}" is not a valid name.`, `Use ${schema4.keyHint ?? "a simple name"}.`);
        continue;
      }
      out[key] = this.validate(pair.value, schema4.values, sub);
    }
    return out;
  }
  object(node, schema4, path22) {
    if (schema4.shorthand && isScalar(node)) {
      return { [schema4.shorthand.field]: this.validate(node, schema4.shorthand.schema, path22) };
    }
    if (!isMap(node)) {
      const fix = schema4.shorthand ? `write the ${schema4.shorthand.field} as a string, or a mapping with the keys: ${Object.keys(schema4.fields).join(", ")}.` : `write a mapping with the keys: ${Object.keys(schema4.fields).join(", ")}.`;
      this.problem(node, path22, `expected a mapping, got ${kindOf(node)}.`, fix);
      return void 0;
    }
    const known = Object.keys(schema4.fields);
    const out = {};
    for (const pair of node.items) {
      const keyNode = pair.key;
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const sub = path22 ? `${path22}.${key}` : key;
      const field = schema4.fields[key];
      if (!field) {
        this.problem(keyNode, sub, `unknown key "${key}".`, `${capitalize(didYouMean(key, known))}`);
        continue;
      }
      out[key] = this.validate(pair.value, field.schema, sub);
    }
    for (const [name, field] of Object.entries(schema4.fields)) {
      if (field.required && !node.has(name)) {
        this.problem(
          node,
          path22 ? `${path22}.${name}` : name,
          "is required but missing.",
          `add \`${name}:\` (${field.doc.replace(/\.$/, "")}).`
        );
      }
    }
    return out;
  }
};
function kindOf(node) {
  if (node === null || node === void 0) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return describe(node.value);
  return "something else";
}
function describe(v) {
  if (v === null || v === void 0) return "nothing (an empty value)";
  if (typeof v === "string") return `the string "${v}"`;
  return `${typeof v} ${String(v)}`;
}
function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// src/publish/images.ts
var FIX = "write one repository a line, e.g. `ghcr.io/owner/app` or `name=docker.io/owner/app,enable=false`.";
function parseImageLines(lines, notices = []) {
  const clean = lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const fieldsOf = (line) => {
    const { fields, unclosed } = splitFields(line, ",");
    if (unclosed) throw new ReproError(`images: "${line}" has an unclosed double quote.`, { fix: FIX });
    return fields.map((f) => f.trim()).filter((f) => f !== "");
  };
  const single = clean.length === 1 ? fieldsOf(clean[0]) : [];
  const targets = single.length > 0 && single.every((f) => !f.includes("=")) ? single.map((name) => ({ name, enable: true })) : clean.map((line) => parseLine(line, fieldsOf(line)));
  return targets.map((t) => {
    const name = t.name.toLowerCase();
    if (name !== t.name)
      notices.push(
        `images: "${t.name}" is pushed as "${name}": docker repository names are lower case (tags keep their case).`
      );
    return { ...t, name };
  });
}
function parseLine(line, fields) {
  const target = { name: "", enable: true };
  for (const field of fields) {
    const eq = field.indexOf("=");
    if (eq < 0) {
      target.name = field;
      continue;
    }
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (key === "name") target.name = value;
    else if (key === "enable") {
      if (value !== "true" && value !== "false")
        throw new ReproError(`images: "${line}": enable=${value} is not true or false.`, {
          fix: "write `enable=true` or `enable=false`."
        });
      target.enable = value === "true";
    } else
      throw new ReproError(`images: "${line}": unknown attribute "${key}".`, { fix: `use name= and enable=; ${FIX}` });
  }
  if (target.name === "") throw new ReproError(`images: "${line}" names no repository.`, { fix: FIX });
  return target;
}
function enabledRepositories(targets) {
  return [...new Set(targets.filter((t) => t.enable).map((t) => t.name))];
}

// src/context.ts
function builtCommit(ctx) {
  return ctx.built || ctx.sha;
}
function commitTimeUnknown(ctx) {
  const sha2 = builtCommit(ctx);
  return sha2 ? `git could not read the time of commit ${sha2.slice(0, 12)} in this checkout` : "no git commit: the run was not in a git checkout";
}
function dirtyTag(ctx) {
  return `dirty-${ctx.sha.slice(0, 7) || "nogit"}-${ctx.dirty?.diffSha256.slice(0, 12) ?? ""}`;
}
function branchOf(ref) {
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0;
}
function tagOf(ref) {
  return ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : void 0;
}

// src/publish/labels.ts
var OCI = "org.opencontainers.image";
function ociLabels(ctx, version, user = {}) {
  const url = ctx.repo?.htmlUrl ?? (ctx.repository ? `https://github.com/${ctx.repository}` : void 0);
  const base = {
    [`${OCI}.title`]: ctx.repo?.name ?? ctx.repository?.split("/")[1],
    [`${OCI}.description`]: ctx.repo?.description,
    [`${OCI}.url`]: url,
    [`${OCI}.source`]: url,
    [`${OCI}.version`]: version,
    [`${OCI}.created`]: normalizeTime(ctx.commitTime),
    // A dirty tree's image is not the commit's: `-dirty`, as `git describe --dirty` says it.
    [`${OCI}.revision`]: builtCommit(ctx) ? `${builtCommit(ctx)}${ctx.dirty ? "-dirty" : ""}` : void 0,
    // NOASSERTION is GitHub's "a license we could not identify": not a license to advertise.
    [`${OCI}.licenses`]: ctx.repo?.license && ctx.repo.license !== "NOASSERTION" ? ctx.repo.license : void 0
  };
  const out = {};
  for (const [k, v] of Object.entries({ ...base, ...user })) if (v !== void 0 && v !== "") out[k] = v;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function normalizeTime(t) {
  if (!t) return void 0;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? void 0 : d.toISOString().replace(/\.000Z$/, "Z");
}
function parseLabelLines(text) {
  const labels = {};
  const ignored2 = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) ignored2.push(line);
    else labels[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { labels, ignored: ignored2 };
}

// src/publish/pep440.ts
var VERSION = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;
var PRE_KIND = {
  alpha: "a",
  a: "a",
  beta: "b",
  b: "b",
  preview: "rc",
  pre: "rc",
  c: "rc",
  rc: "rc"
};
function parsePep440(text) {
  const m = VERSION.exec(text.trim());
  if (!m) return void 0;
  const [, epoch, release2, pre, preN, postDash, post, postN, dev, devN, local] = m;
  return {
    epoch: epoch ? Number(epoch) : 0,
    release: release2.split(".").map(Number),
    ...pre ? { pre: { kind: PRE_KIND[pre.toLowerCase()], n: Number(preN ?? 0) } } : {},
    ...postDash !== void 0 ? { post: Number(postDash) } : post ? { post: Number(postN ?? 0) } : {},
    ...dev ? { dev: Number(devN ?? 0) } : {},
    ...local ? { local: local.toLowerCase().replace(/[-_]/g, ".") } : {}
  };
}
function formatPep440(v) {
  const epoch = v.epoch ? `${v.epoch}!` : "";
  const pre = v.pre ? `${v.pre.kind}${v.pre.n}` : "";
  const post = v.post !== void 0 ? `.post${v.post}` : "";
  const dev = v.dev !== void 0 ? `.dev${v.dev}` : "";
  const local = v.local ? `+${v.local}` : "";
  return `${epoch}${v.release.join(".")}${pre}${post}${dev}${local}`;
}
function isPep440Special(v) {
  return v.pre !== void 0 || v.post !== void 0 || v.dev !== void 0;
}

// src/publish/template.ts
var EXPRESSION = /\{\{\s*([A-Za-z_]+)((?:\s+(?:[a-z]+=)?(?:'[^']*'|"[^"]*"|[A-Za-z0-9_:.\-[\]]+))*)\s*\}\}/g;
var ARG = /\s+(?:([a-z]+)=)?(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_:.\-[\]]+))/g;
function templateNames(template) {
  return [...template.matchAll(EXPRESSION)].map((m) => m[1]);
}
function bareArguments(template) {
  return [...template.matchAll(EXPRESSION)].flatMap(
    (m) => [...m[2].matchAll(ARG)].filter((a) => a[4] !== void 0 && a[1] === void 0).map((a) => a[4])
  );
}
function malformedExpression(template) {
  const rest = template.replace(EXPRESSION, "");
  const at = rest.search(/\{\{|\}\}/);
  return at < 0 ? void 0 : rest.slice(Math.max(0, at - 10), at + 12);
}
function renderTemplate(template, vars) {
  return template.replace(EXPRESSION, (_all, name, args) => {
    const fn = vars[name];
    if (!fn)
      throw new ReproError(`unknown expression {{${name}}} in "${template}".`, {
        fix: `use one of: ${Object.keys(vars).map((v) => `{{${v}}}`).join(", ")}.`
      });
    const call = {};
    for (const a of args.matchAll(ARG)) {
      const value = a[2] ?? a[3];
      if (a[1] === void 0 && a[4] !== void 0) call.bare = a[4];
      else if (a[1] === "tz") call.tz = value ?? a[4];
      else if (a[1] === void 0) call.arg = value;
      else
        throw new ReproError(`unknown attribute ${a[1]}= in {{${name}}} of "${template}".`, {
          fix: "only tz='Area/City' is supported."
        });
    }
    return fn(call);
  });
}
function formatDate(date, format, tz = "UTC") {
  let parts;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit"
      }).formatToParts(date).map((p) => [p.type, p.value])
    );
  } catch {
    throw new ReproError(`unknown time zone "${tz}".`, {
      fix: "use an IANA name such as tz='Europe/Paris' (UTC when left out)."
    });
  }
  const hour = Number(parts.hour);
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  const tokens = {
    YYYY: parts.year,
    YY: parts.year.slice(-2),
    MM: parts.month,
    M: String(Number(parts.month)),
    DD: parts.day,
    D: String(Number(parts.day)),
    HH: pad(hour),
    H: String(hour),
    hh: pad(hour % 12 || 12),
    h: String(hour % 12 || 12),
    mm: parts.minute,
    m: String(Number(parts.minute)),
    ss: parts.second,
    s: String(Number(parts.second)),
    SSS: pad(date.getUTCMilliseconds(), 3),
    A: hour < 12 ? "AM" : "PM",
    a: hour < 12 ? "am" : "pm",
    Z: format.includes("Z") ? utcOffset(date, tz) : ""
  };
  return format.replace(
    /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a|Z/g,
    (tok, literal) => literal ?? tokens[tok]
  );
}
function utcOffset(date, tz) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" }).formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "+00:00" : name.slice(3);
}
function formatIsoDate(date, tz = "UTC") {
  return formatDate(date, "YYYY-MM-DDTHH:mm:ssZ", tz).replace(/[+-]00:00$/, "Z");
}

// src/publish/tags.ts
var SHORT_SHA_LENGTH = 7;
var TAG_TYPES = ["schedule", "semver", "pep440", "match", "edge", "ref", "raw", "sha"];
var DEFAULT_PRIORITY = {
  schedule: 1e3,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100
};
var COMMON_ATTRS = ["enable", "priority", "prefix", "suffix"];
var TAG_ATTRIBUTES = {
  schedule: ["pattern"],
  semver: ["pattern", "value", "match"],
  pep440: ["pattern", "value", "match"],
  match: ["pattern", "group", "value"],
  edge: ["branch"],
  ref: ["event"],
  raw: ["value"],
  sha: ["format"]
};
var GLOBAL_EXPRESSIONS = [
  "branch",
  "tag",
  "sha",
  "base_ref",
  "is_default_branch",
  "is_not_default_branch",
  "date",
  "commit_date"
];
var SEMVER_EXPRESSIONS = ["raw", "version", "major", "minor", "patch"];
var DEFAULT_FLAVOR = {
  latest: "auto",
  prefix: "",
  suffix: "",
  prefixOnLatest: false,
  suffixOnLatest: false
};
var DEFAULT_TAG_LINES = [
  "type=schedule",
  "type=semver,pattern={{version}}",
  "type=semver,pattern={{major}}.{{minor}}",
  "type=ref,event=branch",
  "type=ref,event=tag",
  "type=ref,event=pr",
  "type=sha"
];
var TAG_FIX = "write it as metadata-action does, e.g. `type=semver,pattern={{version}}`, `type=ref,event=branch`, `type=sha` or a plain tag such as `stable`.";
function sanitizeTag(value) {
  return value.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+/, "").slice(0, 128);
}
function parseTagSpec(line) {
  const source = line.trim();
  if (!source.includes("=")) {
    const ref = /^(?:[^\s:]+(?::\d+)?\/)*[^\s:/]+:([^\s:/@]+)$/.exec(source);
    const value = ref ? ref[1] : source;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value))
      throw new ReproError(`tag "${source}" is not a valid docker tag.`, {
        fix: "use letters, digits, `_`, `.` and `-` (128 at most, not starting with `.` or `-`), or a rule such as `type=sha`."
      });
    return { type: "raw", attrs: { value }, priority: DEFAULT_PRIORITY.raw, source };
  }
  const attrs = {};
  let type = "raw";
  for (const field of splitCsv(source)) {
    const eq = field.indexOf("=");
    if (eq < 0) {
      attrs.value = field.trim();
      continue;
    }
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (key === "type") {
      if (!TAG_TYPES.includes(value))
        throw new ReproError(`"${source}": unknown type "${value}".`, { fix: `${didYouMean(value, TAG_TYPES)}.` });
      type = value;
    } else {
      attrs[key] = value;
    }
  }
  const known = [...COMMON_ATTRS, ...TAG_ATTRIBUTES[type]];
  for (const key of Object.keys(attrs)) {
    if (!known.includes(key))
      throw new ReproError(`"${source}": type=${type} has no attribute "${key}".`, {
        fix: `use ${known.join(", ")} (${didYouMean(key, known)}).`
      });
  }
  const need = (key, example) => {
    if (attrs[key] === void 0 || attrs[key] === "")
      throw new ReproError(`"${source}": type=${type} needs ${key}=.`, { fix: `add it, e.g. \`${example}\`.` });
  };
  if (type === "semver") need("pattern", "type=semver,pattern={{version}}");
  if (type === "pep440") need("pattern", "type=pep440,pattern={{version}}");
  if (attrs.match !== void 0) checkRegex(source, "match", attrs.match, "match=v(\\d+\\.\\d+\\.\\d+)$");
  if (type === "match") need("pattern", "type=match,pattern=v(.*),group=1");
  if (type === "raw") need("value", "type=raw,value=stable");
  if (type === "ref") {
    need("event", "type=ref,event=branch");
    if (!["branch", "tag", "pr"].includes(attrs.event))
      throw new ReproError(`"${source}": event=${attrs.event} is not one of branch, tag, pr.`, {
        fix: "write `event=branch`, `event=tag` or `event=pr`."
      });
    if (attrs.event === "pr" && attrs.prefix === void 0) attrs.prefix = "pr-";
  }
  if (type === "sha") {
    attrs.prefix ??= "sha-";
    attrs.format ??= "short";
    if (!["short", "long"].includes(attrs.format))
      throw new ReproError(`"${source}": format=${attrs.format} is not short or long.`, {
        fix: "write `format=short` (7 characters) or `format=long`."
      });
  }
  if (type === "schedule") attrs.pattern ??= "nightly";
  if (type === "match") {
    attrs.group ??= "0";
    if (!/^\d+$/.test(attrs.group))
      throw new ReproError(`"${source}": group=${attrs.group} is not a number.`, {
        fix: "write the capture group number, e.g. `group=1`."
      });
    checkRegex(source, "pattern", attrs.pattern, "pattern=v(\\d+\\.\\d+)");
  }
  let priority = DEFAULT_PRIORITY[type];
  if (attrs.priority !== void 0) {
    if (!/^-?\d+$/.test(attrs.priority))
      throw new ReproError(`"${source}": priority=${attrs.priority} is not a whole number.`, {
        fix: "write e.g. `priority=950` (higher comes first)."
      });
    priority = Number(attrs.priority);
  }
  for (const [key, value] of Object.entries(attrs)) {
    const regex = type === "match" && key === "pattern" || key === "match";
    const allowed = (type === "semver" || type === "pep440") && key === "pattern" ? SEMVER_EXPRESSIONS : GLOBAL_EXPRESSIONS;
    const problem = regex ? void 0 : expressionProblem(value, allowed, `${key}=`);
    if (problem) throw new ReproError(`"${source}": ${problem.message}`, { fix: problem.fix });
  }
  if (attrs.enable !== void 0 && !/^(true|false)$/i.test(attrs.enable) && templateNames(attrs.enable).length === 0) {
    throw new ReproError(`"${source}": enable=${attrs.enable} is not true or false.`, {
      fix: "write `enable=true`, `enable=false` or an expression such as `enable={{is_default_branch}}`."
    });
  }
  return { type, attrs, priority, source };
}
function expressionProblem(value, allowed, where) {
  const bad = malformedExpression(value);
  if (bad !== void 0)
    return {
      message: `${where} has a malformed {{expression}} near "${bad}".`,
      fix: "write expressions as {{name}} or {{date 'YYYYMMDD'}}."
    };
  const name = templateNames(value).find((n) => !allowed.includes(n));
  if (name !== void 0)
    return {
      message: `{{${name}}} is not available in ${where}.`,
      fix: `use ${allowed.map((n) => `{{${n}}}`).join(", ")}.`
    };
  return void 0;
}
function checkRegex(source, key, pattern, example) {
  try {
    matchRegex(pattern);
  } catch (e) {
    throw new ReproError(`"${source}": ${key} is not a valid regular expression: ${e.message}.`, {
      fix: `fix it, e.g. \`${example}\`.`
    });
  }
}
function parseTagLines(text) {
  return listLines(text).map(parseTagSpec);
}
var DEFAULT_TAG_SPECS = DEFAULT_TAG_LINES.map(parseTagSpec);
function parseFlavorLines(text, base = DEFAULT_FLAVOR) {
  const flavor = { ...base };
  for (const line of listLines(text)) {
    const fields = splitCsv(line).map(
      (f) => [
        f.slice(0, f.indexOf("=") < 0 ? f.length : f.indexOf("=")).trim().toLowerCase(),
        f.includes("=") ? f.slice(f.indexOf("=") + 1).trim() : ""
      ]
    );
    const [key, value] = fields[0];
    const onLatest = fields.find(([k]) => k === "onlatest")?.[1];
    if (onLatest !== void 0 && !/^(true|false)$/.test(onLatest))
      throw new ReproError(`flavor "${line}": onlatest=${onLatest} is not true or false.`, {
        fix: "write `onlatest=true` or `onlatest=false`."
      });
    if (key === "latest") {
      if (!["auto", "true", "false"].includes(value))
        throw new ReproError(`flavor "${line}": latest=${value} is not auto, true or false.`, {
          fix: "write `latest=auto` (releases only), `latest=true` or `latest=false`."
        });
      flavor.latest = value;
    } else if (key === "prefix") {
      flavor.prefix = value;
      flavor.prefixOnLatest = onLatest === "true";
    } else if (key === "suffix") {
      flavor.suffix = value;
      flavor.suffixOnLatest = onLatest === "true";
    } else {
      throw new ReproError(`flavor "${line}": unknown setting "${key}".`, {
        fix: "use `latest=auto|true|false`, `prefix=...[,onlatest=true]` or `suffix=...[,onlatest=true]`."
      });
    }
  }
  return flavor;
}
function planTags(ctx, specs = DEFAULT_TAG_SPECS, flavor = DEFAULT_FLAVOR, now = /* @__PURE__ */ new Date()) {
  const vars = globalVars(ctx, now);
  const tags = [];
  const warnings = [];
  let latest;
  const prerelease = isPrerelease(ctx);
  for (const spec of [...specs].sort((a, b) => b.priority - a.priority)) {
    for (const [key, value] of Object.entries(spec.attrs))
      warnings.push(...unquotedWarnings(`${spec.source}: ${key}=`, value));
    const enable = spec.attrs.enable === void 0 ? "true" : renderTemplate(spec.attrs.enable, vars).toLowerCase();
    if (enable !== "true") continue;
    const produced = produce(spec, ctx, vars, now, warnings);
    if (produced === void 0 || produced.value === "") continue;
    const prefix = spec.attrs.prefix ?? flavor.prefix;
    const suffix = spec.attrs.suffix ?? flavor.suffix;
    const tag = sanitizeTag(`${renderTemplate(prefix, vars)}${produced.value}${renderTemplate(suffix, vars)}`);
    if (tag === "") continue;
    if (!tags.includes(tag)) tags.push(tag);
    latest ??= flavor.latest === "auto" ? produced.movesLatest && !prerelease : flavor.latest === "true";
  }
  if (latest) {
    const tag = sanitizeTag(
      `${flavor.prefixOnLatest ? renderTemplate(flavor.prefix, vars) : ""}latest${flavor.suffixOnLatest ? renderTemplate(flavor.suffix, vars) : ""}`
    );
    if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, version: tags[0], warnings };
}
function produce(spec, ctx, vars, now, warnings) {
  const a = spec.attrs;
  const gitTag = tagOf(ctx.ref);
  const branch = branchOf(ctx.ref);
  switch (spec.type) {
    case "schedule":
      if (ctx.eventName !== "schedule") return void 0;
      return { value: renderTemplate(a.pattern, dateVars(ctx, now)), movesLatest: false };
    case "semver":
    case "pep440": {
      const raw = versionSource(spec, a.value ? renderTemplate(a.value, vars) : gitTag, warnings);
      if (raw === void 0) return void 0;
      const v = spec.type === "semver" ? semverParts(raw) : pep440Parts(raw);
      if (!v) {
        const what = spec.type === "semver" ? "a semantic version (such as v1.2.3)" : "a PEP 440 version (such as 1.2.3rc1)";
        warnings.push(`${spec.source}: "${raw}" is not ${what}, so this rule gives no tag.`);
        return void 0;
      }
      const semverVars = {
        raw: () => raw,
        version: () => v.version,
        major: () => v.major,
        minor: () => v.minor,
        patch: () => v.patch
      };
      if (v.special)
        return { value: /^\s*\{\{\s*raw\s*\}\}\s*$/.test(a.pattern) ? raw : v.version, movesLatest: false };
      return { value: renderTemplate(a.pattern, semverVars), movesLatest: true };
    }
    case "match": {
      const raw = a.value ? renderTemplate(a.value, vars) : gitTag;
      if (raw === void 0) return void 0;
      const m = matchRegex(a.pattern).exec(raw);
      const group = m?.[Number(a.group)];
      if (group === void 0) {
        warnings.push(
          `${spec.source}: ${m ? `group ${a.group} is not in the match of` : "pattern does not match"} "${raw}", so this rule gives no tag.`
        );
        return void 0;
      }
      return { value: group, movesLatest: true };
    }
    case "edge":
      if (!branch || branch !== (a.branch || ctx.defaultBranch)) return void 0;
      return { value: "edge", movesLatest: false };
    case "ref":
      if (a.event === "branch") return branch === void 0 ? void 0 : { value: branch, movesLatest: false };
      if (a.event === "tag") return gitTag === void 0 ? void 0 : { value: gitTag, movesLatest: true };
      {
        const pr = /^refs\/pull\/(\d+)\//.exec(ctx.ref)?.[1] ?? (ctx.eventName.startsWith("pull_request") && ctx.prNumber !== void 0 ? String(ctx.prNumber) : void 0);
        return pr === void 0 ? void 0 : { value: pr, movesLatest: false };
      }
    case "raw":
      return { value: renderTemplate(a.value, vars), movesLatest: false };
    case "sha":
      if (!ctx.sha) return void 0;
      return { value: a.format === "long" ? ctx.sha : ctx.sha.slice(0, SHORT_SHA_LENGTH), movesLatest: false };
  }
}
function versionSource(spec, value, warnings) {
  if (value === void 0) return void 0;
  let raw = value;
  if (spec.attrs.match) {
    const m = matchRegex(spec.attrs.match).exec(raw);
    if (m?.[1] !== void 0) raw = m[1];
    else
      warnings.push(
        `${spec.source}: match=${spec.attrs.match} does not match "${raw}", so the whole of it is read as the version.`
      );
  }
  return raw.replace(/\//g, "-");
}
function semverParts(raw) {
  const v = parseSemver(raw);
  if (!v) return void 0;
  const version = `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ""}`;
  return { version, major: v.major, minor: v.minor, patch: v.patch, special: v.prerelease !== void 0 };
}
function pep440Parts(raw) {
  const v = parsePep440(raw);
  if (!v) return void 0;
  const [major, minor = 0, patch = 0] = v.release;
  return {
    version: formatPep440(v),
    major: String(major),
    minor: String(minor),
    patch: String(patch),
    special: isPep440Special(v)
  };
}
function dateVars(ctx, now) {
  const commit = ctx.commitTime ? new Date(ctx.commitTime) : now;
  const format = (date, c) => c.arg === void 0 && c.bare !== void 0 ? formatIsoDate(date, c.tz) : formatDate(date, c.arg ?? "YYYYMMDD", c.tz);
  return {
    date: (c) => format(now, c),
    commit_date: (c) => format(Number.isNaN(commit.getTime()) ? now : commit, c)
  };
}
var DEFAULT_BRANCH_EVENTS = /create|discussion|issues|schedule/;
function isDefaultBranch(ctx) {
  const branch = branchOf(ctx.ref);
  if (branch !== void 0 && branch === ctx.defaultBranch) return true;
  return !ctx.ref.startsWith("refs/pull/") && DEFAULT_BRANCH_EVENTS.test(ctx.eventName);
}
function globalVars(ctx, now) {
  const branch = branchOf(ctx.ref);
  return {
    ...dateVars(ctx, now),
    branch: () => branch ?? "",
    tag: () => tagOf(ctx.ref) ?? "",
    sha: () => ctx.sha.slice(0, SHORT_SHA_LENGTH),
    // Set only on pull requests (the branch they merge into) and tag pushes whose payload names a branch.
    base_ref: () => ctx.baseRef ?? "",
    is_default_branch: () => String(isDefaultBranch(ctx)),
    is_not_default_branch: () => String(!isDefaultBranch(ctx))
  };
}
function unquotedWarnings(where, value) {
  return bareArguments(value).map(
    (bare) => `${where} has {{\u2026 ${bare}}} with an unquoted format, which is read as no format (ISO 8601, as metadata-action does); write it in quotes, e.g. {{commit_date '${bare}'}}.`
  );
}
function parseSemver(text) {
  const m = /^[v=]?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.exec(
    text.trim()
  );
  return m ? { major: m[1], minor: m[2], patch: m[3], prerelease: m[4] } : void 0;
}
function isPrerelease(ctx) {
  const tag = tagOf(ctx.ref);
  return ctx.prerelease === true || tag !== void 0 && parseSemver(tag)?.prerelease !== void 0;
}
function matchRegex(pattern) {
  const slashed = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  return slashed ? new RegExp(slashed[1], slashed[2]) : new RegExp(pattern);
}
function listLines(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}
function splitCsv(line) {
  const { fields, unclosed } = splitFields(line, ",");
  if (unclosed) throw new ReproError(`"${line}" has an unclosed double quote.`, { fix: TAG_FIX });
  return fields.filter((f) => f !== "");
}

// src/publish/settings.ts
var DEFAULT_PUSH_RETRIES = 3;
var DEFAULT_PUSH_TIMEOUT_S = 10 * 60;
function parsePushSettings(raw, problem) {
  const tags = raw?.tags?.flatMap((line, i) => {
    try {
      return [parseTagSpec(line)];
    } catch (e) {
      problem(["push", "tags", i], e.message, e.fix ?? "");
      return [];
    }
  });
  if (raw?.tags !== void 0 && raw.tags.length === 0)
    problem(
      ["push", "tags"],
      "lists no tag rule, so nothing could be pushed.",
      "add rules such as `- type=sha`, or remove `tags:` for the defaults."
    );
  const flavor = { ...DEFAULT_FLAVOR };
  const f = raw?.flavor;
  if (f?.latest !== void 0) {
    if (["auto", "true", "false"].includes(f.latest)) flavor.latest = f.latest;
    else
      problem(
        ["push", "flavor", "latest"],
        `"${f.latest}" is not auto, true or false.`,
        "write `latest: auto` (releases that are not pre-releases), `latest: true` or `latest: false`."
      );
  }
  if (f?.prefix !== void 0) flavor.prefix = f.prefix;
  if (f?.suffix !== void 0) flavor.suffix = f.suffix;
  for (const field of ["labels", "annotations"]) {
    for (const [key, value] of Object.entries(raw?.[field] ?? {})) {
      const bad = valueProblem(String(value));
      if (bad) problem(["push", field, key], bad.message, bad.fix);
    }
  }
  const images = raw?.images && parseImages(raw, problem);
  const retries = raw?.retries ?? DEFAULT_PUSH_RETRIES;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10)
    problem(
      ["push", "retries"],
      `${retries} is not a whole number from 0 to 10.`,
      "write e.g. `retries: 3` (0 turns retries off)."
    );
  return {
    image: raw?.image,
    images,
    when: raw?.when ?? "auto",
    tags,
    flavor,
    labels: raw?.labels ?? {},
    annotations: raw?.annotations ?? {},
    retries,
    timeoutSeconds: raw?.timeout ?? DEFAULT_PUSH_TIMEOUT_S,
    dirty: raw?.dirty ?? "refuse"
  };
}
function parseImages(raw, problem) {
  if (raw.image !== void 0)
    problem(
      ["push", "images"],
      "is set beside push.image.",
      "keep one: `image:` for one repository, `images:` for several."
    );
  try {
    const images = parseImageLines(raw.images ?? []);
    if (enabledRepositories(images).length === 0)
      problem(
        ["push", "images"],
        "enables no repository, so nothing could be pushed.",
        "list at least one repository without `enable=false`, or set `push.when: never`."
      );
    return images;
  } catch (e) {
    problem(["push", "images"], e.message.replace(/^images: /, ""), e.fix ?? "");
    return void 0;
  }
}
function resolvePublish(settings, over = {}) {
  const inputTags = over.tags?.trim() ? asInput("tags", () => parseTagLines(over.tags)) : void 0;
  const labels = parseLabelLines(over.labels ?? "");
  const annotations = parseLabelLines(over.annotations ?? "");
  for (const [input, lines] of [
    ["labels", labels.labels],
    ["annotations", annotations.labels]
  ]) {
    for (const [key, value] of Object.entries(lines)) {
      const bad = valueProblem(value);
      if (bad) throw new ReproError(`input ${input}: ${key}: ${bad.message}`, { fix: bad.fix });
    }
  }
  const firstRef = over.tags?.split(/\r?\n/).map((l) => l.trim()).find((l) => !l.includes("=") && /^[^\s]+:[^\s:/]+$/.test(l) && l.lastIndexOf(":") > l.lastIndexOf("/"));
  return {
    tags: inputTags ?? settings.tags ?? DEFAULT_TAG_SPECS,
    flavor: over.flavor?.trim() ? asInput("flavor", () => parseFlavorLines(over.flavor, settings.flavor)) : settings.flavor,
    labels: { ...settings.labels, ...labels.labels },
    annotations: { ...settings.annotations, ...annotations.labels },
    retries: settings.retries,
    timeoutSeconds: settings.timeoutSeconds,
    dirty: settings.dirty,
    imageFromTags: firstRef ? firstRef.slice(0, firstRef.lastIndexOf(":")).toLowerCase() : void 0,
    warnings: [...ignored("labels", labels.ignored), ...ignored("annotations", annotations.ignored)]
  };
}
var valueProblem = (value) => expressionProblem(value, GLOBAL_EXPRESSIONS, "the value");
function ignored(input, lines) {
  return lines.map(
    (l) => `input ${input}: "${l}" is not KEY=VALUE, so it is left out (as metadata-action does); write e.g. \`org.opencontainers.image.title=My model\`.`
  );
}
function asInput(name, fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ReproError) throw new ReproError(`input ${name}: ${e.message}`, { fix: e.fix });
    throw e;
  }
}
function pushRepositoriesFor(over, settings, publish, githubRepository, notices = []) {
  if (over.image && over.images?.trim())
    throw new ReproError("inputs image and images are both set.", {
      fix: "keep one: `image` for one repository, `images` for several (one a line)."
    });
  const fromInput = over.images?.trim() ? asInput("images", () => enabledRepositories(parseImageLines(over.images.split(/\r?\n/), notices))) : void 0;
  const one = over.image ?? (fromInput || settings.images ? void 0 : settings.image ?? publish.imageFromTags ?? (over.registry ? githubRepository : void 0));
  const names = one ? [one.toLowerCase()] : fromInput ?? (settings.images ? enabledRepositories(settings.images) : []);
  if (over.registry && names.length > 1)
    throw new ReproError(
      `the registry input replaces the host of one repository, and ${names.length} are pushed to (${names.join(", ")}).`,
      { fix: "leave `registry` empty and write each host in its `images` line." }
    );
  return [...new Set(names.map((name) => withRegistry(name, over.registry)))];
}

// src/config/config.ts
var DEFAULT_STEP_TIMEOUT_S = 6 * 3600;
var DEFAULT_LAYER_TIMEOUT_S = 5 * 60;
var DEFAULT_SERVICE_TIMEOUT_S = 10 * 60;
function parseConfig(text, file, displayName = path.basename(file)) {
  const root = path.dirname(path.resolve(file));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const v = new Validator(displayName, lines);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      return {
        location: { file: displayName, line: pos?.line, column: pos?.col },
        path: "",
        message: `is not valid YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}.`,
        fix: "check the indentation and quoting on that line (YAML uses spaces, not tabs)."
      };
    });
    throw new ConfigError(problems);
  }
  if (!isMap(doc.contents)) {
    throw new ConfigError([
      {
        location: { file: displayName, line: 1, column: 1 },
        path: "",
        message: "is empty or not a mapping.",
        fix: "start from the example in the README: `images:` and `steps:` at the top level."
      }
    ]);
  }
  const raw = v.validate(doc.contents, configSchema, "");
  const at = (p) => {
    const node = doc.getIn(p, true);
    const offset = node?.range?.[0];
    const pos = offset === void 0 ? void 0 : lines.linePos(offset);
    return { file: displayName, line: pos?.line, column: pos?.col };
  };
  const problem = (p, message, fix) => {
    v.problems.push({ location: at(p), path: formatPath(p), message, fix });
  };
  if (v.problems.length > 0) throw new ConfigError(v.problems);
  if (raw.version !== void 0 && raw.version !== 1)
    problem(["version"], `version ${raw.version} is not supported.`, "write `version: 1`.");
  const s = { raw, root, doc, at, problem };
  const images = parseImages2(s);
  const steps = parseSteps(s, images);
  const checks = parseChecks(s);
  const metrics = parseMetrics2(s, steps);
  const repeat = parseRepeat(s, steps);
  const resultsDir = parseResults(s);
  const lint = parseLint(s);
  const push = parsePushSettings(raw.push, problem);
  for (const img of images) img.exclude = ownFilesIn(img.context, resultsDir);
  if (v.problems.length > 0) throw new ConfigError(v.problems);
  return {
    file: path.resolve(file),
    root,
    name: raw.name ?? sanitizeName(path.basename(root)),
    images,
    steps,
    metrics,
    checks,
    repeat,
    push,
    results: resultsDir,
    lint,
    cache: {
      layers: raw.cache?.layers ?? "auto",
      layerTimeoutSeconds: raw.cache?.["layer-timeout"] ?? DEFAULT_LAYER_TIMEOUT_S,
      serviceTimeoutSeconds: raw.cache?.["service-timeout"] ?? DEFAULT_SERVICE_TIMEOUT_S,
      mounts: raw.cache?.mounts ?? {}
    },
    ...raw.determinism?.rebuild ? { determinism: { rebuild: true, failOnDifference: raw.determinism["fail-on-difference"] ?? false } } : {}
  };
}
function parseImages2({ raw, root, at, problem }) {
  const images = Object.entries(raw.images ?? {}).map(([key, img]) => ({
    key,
    dockerfile: path.resolve(root, img.dockerfile ?? "Dockerfile"),
    context: path.resolve(root, img.context ?? "."),
    target: img.target,
    buildArgs: img["build-args"] ?? {},
    where: at(["images", key])
  }));
  if (images.length === 0) problem(["images"], "lists no image.", "add one, e.g. `images: { app: Dockerfile }`.");
  return images;
}
function parseSteps({ raw, root, at, problem }, images) {
  const imageKeys = images.map((i) => i.key);
  const seen = /* @__PURE__ */ new Set();
  const steps = (raw.steps ?? []).map((s, i) => {
    if (seen.has(s.name))
      problem(["steps", i, "name"], `step name "${s.name}" is used twice.`, "give every step its own name.");
    seen.add(s.name);
    let image = s.image;
    if (image === void 0) {
      if (images.length === 1) image = images[0].key;
      else if (images.length > 1)
        problem(
          ["steps", i],
          `step "${s.name}" does not say which image it runs.`,
          `add \`image:\` with one of: ${imageKeys.join(", ")}.`
        );
    } else if (!imageKeys.includes(image)) {
      problem(["steps", i, "image"], `no image named "${image}" under images.`, `${didYouMean(image, imageKeys)}`);
    }
    const mounts = (s.mounts ?? []).map((m, j) => {
      const mount = parseMount(m, root);
      if (mount.escapes)
        problem(
          ["steps", i, "mounts", j],
          `host path "${m.split(":")[0]}" is outside the project folder ${root}.`,
          "use a folder inside the project (paths are relative to repro.yml); move or copy the data there."
        );
      return mount.spec;
    });
    return {
      name: s.name,
      image: image ?? "",
      command: s.command,
      args: s.args,
      env: s.env ?? {},
      mounts,
      workdir: s.workdir,
      timeoutSeconds: s.timeout ?? DEFAULT_STEP_TIMEOUT_S,
      gpus: s.gpus ?? "none",
      network: s.network,
      resources: parseStepResources(
        s,
        { env: s.env ?? {}, mountTargets: mounts.map((m) => m.container.replace(/\/+$/, "")) },
        (p, message, fix) => problem(["steps", i, ...p], message, fix)
      ),
      where: at(["steps", i])
    };
  });
  if (steps.length === 0 && raw.steps !== void 0)
    problem(["steps"], "lists no step.", "add at least one step, e.g. `- name: train`.");
  return steps;
}
function parseChecks({ raw, at, problem }) {
  const checks = Object.entries(raw.checks ?? {}).map(([metric, rule]) => {
    const base = rule["no-worse-than-base"];
    if (rule.min === void 0 && rule.max === void 0 && !rule.reference && !base)
      problem(
        ["checks", metric],
        `rule for "${metric}" has no condition.`,
        "add `min:`, `max:`, `reference:` or `no-worse-than-base:`."
      );
    if (rule.min !== void 0 && rule.max !== void 0 && rule.min > rule.max)
      problem(
        ["checks", metric],
        `min ${rule.min} is above max ${rule.max}, so the rule can never pass.`,
        "swap them."
      );
    for (const tol of ["atol", "rtol"]) {
      if ((rule.reference?.[tol] ?? 0) < 0)
        problem(
          ["checks", metric, "reference", tol],
          `${tol} ${rule.reference[tol]} is negative.`,
          `write a tolerance of 0 or more, e.g. \`${tol}: 0.01\`.`
        );
    }
    if (rule.reference && !raw.metrics?.reference)
      problem(
        ["checks", metric, "reference"],
        `rule for "${metric}" compares with a reference, but no reference file is configured.`,
        "add `reference: reference/metrics.json` under `metrics:` (a file committed in the repo)."
      );
    if ((base?.["allowed-drop"] ?? 0) < 0)
      problem(
        ["checks", metric, "no-worse-than-base", "allowed-drop"],
        `allowed-drop ${base["allowed-drop"]} is negative.`,
        "write how much worse the value may be, as 0 or more."
      );
    return {
      metric,
      min: rule.min,
      max: rule.max,
      reference: rule.reference ? { atol: rule.reference.atol ?? 0, rtol: rule.reference.rtol ?? 0 } : void 0,
      base: base ? { direction: base.direction, allowedDrop: base["allowed-drop"] ?? 0 } : void 0,
      where: at(["checks", metric])
    };
  });
  if (checks.length > 0 && !raw.metrics)
    problem(
      ["checks"],
      "has rules but no metrics file is configured.",
      "add `metrics: results/metrics.json` (where a step writes its metrics on the host)."
    );
  return checks;
}
function parseMetrics2({ raw, root, doc, at, problem }, steps) {
  const sources = [];
  if (raw.metrics && steps.length === 0)
    problem(
      ["metrics"],
      "is read after the steps, and there is no step to write it.",
      "add the step that writes it under `steps:`, or remove `metrics:` and `checks:` for a build-and-push-only config."
    );
  if (raw.metrics) {
    const entries = [];
    if (raw.metrics.file !== void 0)
      entries.push({
        path: raw.metrics.file,
        at: typeof doc.getIn(["metrics"]) === "string" ? ["metrics"] : ["metrics", "file"]
      });
    (raw.metrics.files ?? []).forEach((f, i) => entries.push({ ...f, at: ["metrics", "files", i] }));
    if (entries.length === 0)
      problem(["metrics"], "names no metrics file.", "add `file: results/metrics.json` or a `files:` list.");
    for (const e of entries) {
      const format = e.format ?? formatOf(e.path);
      if (!format) problem(e.at, `cannot tell the format of "${e.path}".`, FORMAT_FIX);
      sources.push({
        file: path.resolve(root, e.path),
        format: format ?? "json",
        row: e.row,
        prefix: e.prefix,
        where: at(e.at)
      });
    }
    if (raw.metrics.reference !== void 0 && !formatOf(raw.metrics.reference))
      problem(
        ["metrics", "reference"],
        `cannot tell the format of "${raw.metrics.reference}".`,
        "name it *.json, *.yaml, *.yml, *.csv or *.tsv."
      );
  }
  return raw.metrics ? {
    file: sources[0]?.file ?? "",
    where: at(["metrics"]),
    sources,
    reference: raw.metrics.reference === void 0 ? void 0 : { file: path.resolve(root, raw.metrics.reference), where: at(["metrics", "reference"]) }
  } : void 0;
}
function parseRepeat({ raw, doc, at, problem }, steps) {
  let repeat;
  if (raw.repeat) {
    const r = raw.repeat;
    if (!Number.isInteger(r.count) || r.count < 1 || r.count > 100)
      problem(
        ["repeat", ...typeof doc.getIn(["repeat"]) === "number" ? [] : ["count"]],
        `count ${r.count} is not a whole number from 1 to 100.`,
        "write how many runs, e.g. `repeat: 3`."
      );
    (r.steps ?? []).forEach((name, i) => {
      if (!steps.some((s) => s.name === name))
        problem(
          ["repeat", "steps", i],
          `no step named "${name}".`,
          `${didYouMean(
            name,
            steps.map((s) => s.name)
          )}`
        );
    });
    repeat = {
      count: r.count,
      steps: r.steps ?? steps.map((s) => s.name),
      seedEnv: r["seed-env"],
      checks: r.checks ?? "mean",
      where: at(["repeat"])
    };
  }
  return repeat;
}
function parseResults({ raw, root, problem }) {
  const resultsDir = path.resolve(root, raw.results ?? ".repro-ci");
  if (escapesLexically(root, resultsDir))
    problem(
      ["results"],
      `"${raw.results}" is outside the project folder.`,
      "use a folder inside the project, e.g. `.repro-ci`."
    );
  return resultsDir;
}
function parseLint({ raw, problem }) {
  (raw.lint?.ignore ?? []).forEach((id, i) => {
    if (!RULE_IDS.includes(id.toUpperCase()))
      problem(
        ["lint", "ignore", i],
        `there is no lint rule ${id}.`,
        `${didYouMean(id.toUpperCase(), RULE_IDS)} (docs/lint.md lists them)`
      );
  });
  return { level: raw.lint?.level ?? "warn", ignore: (raw.lint?.ignore ?? []).map((id) => id.toUpperCase()) };
}
function loadConfig(file) {
  const abs = path.resolve(file);
  const display = path.relative(process.cwd(), abs) || abs;
  if (!existsSync(abs)) {
    throw new ReproError(`config file ${display} not found.`, {
      fix: "create repro.yml (see the README quick start), or point the `config` input / `--config` option at yours.",
      location: { file: display }
    });
  }
  const config = parseConfig(readFileSync(abs, "utf8"), abs, display);
  const problems = [];
  for (const img of config.images) {
    const rel2 = (p) => path.relative(config.root, p) || ".";
    if (!existsSync(img.context) || !statSync(img.context).isDirectory()) {
      problems.push({
        location: img.where,
        path: `images.${img.key}.context`,
        message: `build context folder "${rel2(img.context)}" does not exist.`,
        fix: "point `context:` at an existing folder, relative to repro.yml."
      });
    }
    if (!existsSync(img.dockerfile)) {
      problems.push({
        location: img.where,
        path: `images.${img.key}.dockerfile`,
        message: `Dockerfile "${rel2(img.dockerfile)}" not found.`,
        fix: "write the path relative to repro.yml, e.g. `dockerfile: train.dockerfile`."
      });
    }
  }
  problems.push(...linkProblems(config));
  const ref = config.metrics?.reference;
  if (ref && (!existsSync(ref.file) || !statSync(ref.file).isFile())) {
    problems.push({
      location: ref.where,
      path: "metrics.reference",
      message: `reference file "${path.relative(config.root, ref.file)}" not found.`,
      fix: "commit the reference metrics (e.g. copy a trusted run's metrics file there), or fix the path, relative to repro.yml."
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  for (const img of config.images)
    img.exclude = [
      .../* @__PURE__ */ new Set([...img.exclude ?? [], ...stepOutputsIn(img, config.steps, readFileSync(img.dockerfile, "utf8"))])
    ];
  return config;
}
function stepOutputsIn(img, steps, dockerfile) {
  const named = parseDockerfile(dockerfile).instructions.flatMap((i) => contextCopyWords(i)?.slice(0, -1) ?? []).map((s) => s.replace(/^(\.\/)+/, "").replace(/\/+$/, ""));
  const out = [];
  for (const m of steps.flatMap((s) => s.mounts)) {
    const rel2 = path.relative(img.context, m.host).split(path.sep).join("/");
    if (m.readOnly || rel2 === "" || rel2.startsWith("..") || path.isAbsolute(rel2)) continue;
    if (named.some((s) => s === rel2 || s.startsWith(`${rel2}/`)) || out.includes(rel2)) continue;
    out.push(rel2);
  }
  return out;
}
function linkProblems(config) {
  const paths = [
    ...config.images.flatMap((img) => [
      { p: img.context, field: `images.${img.key}.context`, where: img.where },
      { p: img.dockerfile, field: `images.${img.key}.dockerfile`, where: img.where }
    ]),
    ...config.steps.flatMap(
      (s) => s.mounts.map((m, j) => ({ p: m.host, field: `steps.${s.name}.mounts[${j}]`, where: s.where }))
    ),
    ...(config.metrics?.sources ?? []).map((m) => ({ p: m.file, field: "metrics", where: m.where })),
    ...config.metrics?.reference ? [{ p: config.metrics.reference.file, field: "metrics.reference", where: config.metrics.reference.where }] : [],
    { p: config.results, field: "results", where: { file: path.relative(process.cwd(), config.file) || config.file } }
  ];
  const problems = [];
  for (const { p, field, where } of paths) {
    const why = unsafePath(config.root, p);
    if (why)
      problems.push({
        location: where,
        path: field,
        message: `"${path.relative(config.root, p) || "."}" cannot be used: ${why}.`,
        fix: "use a real folder or file inside the project (paths are relative to repro.yml); copy data in instead of linking to it."
      });
  }
  return problems;
}
function parseMount(text, root) {
  const parts = text.split(":");
  const readOnly = parts.length === 3 && parts[2] === "ro";
  const host = path.resolve(root, parts[0]);
  return { spec: { host, container: parts[1], readOnly }, escapes: escapesLexically(root, host) };
}
function sanitizeName(name) {
  const s = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/[._-]{2,}/g, (m) => /^-+$/.test(m) ? m : "-");
  return s.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "") || "project";
}
function formatPath(p) {
  return p.map((s, i) => typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`).join("");
}
function ownFilesIn(context, resultsDir) {
  const rel2 = path.relative(context, resultsDir);
  if (rel2 === "" || rel2.startsWith("..") || path.isAbsolute(rel2)) return [];
  return [rel2.split(path.sep).join("/")];
}

// src/version.ts
var VERSION2 = true ? "0.1.0" : "0.0.0-dev";

// src/hardware/hardware.ts
function hardwareRecord(host, engine, buildkit) {
  return {
    cpu: { model: host.cpuModel.trim() || "unknown", count: host.cpuCount },
    memoryBytes: engine.memoryBytes ?? host.memoryBytes,
    engine: {
      version: engine.serverVersion,
      os: engine.operatingSystem,
      kernel: engine.kernelVersion,
      storageDriver: engine.storageDriver,
      runtimes: engine.runtimes
    },
    buildkit,
    steps: {}
  };
}
function hardwareRows(h) {
  const rows = [["CPU", `${h.cpu.model} \xD7 ${h.cpu.count}`]];
  if (h.memoryBytes) rows.push(["Memory", formatBytes(h.memoryBytes)]);
  if (h.gpu) {
    for (const d of h.gpu.devices)
      rows.push([`GPU ${d.index}`, `${d.name}${d.memoryMiB ? ` (${d.memoryMiB} MiB)` : ""}`]);
    rows.push(["NVIDIA driver / CUDA", `${h.gpu.driverVersion ?? "unknown"} / ${h.gpu.cudaVersion ?? "unknown"}`]);
  }
  const byMode = (mode) => Object.entries(h.steps).filter(([, s]) => s.mode === mode).map(([name, s]) => mode === "gpu" ? `${name} (${s.gpus})` : name);
  const gpuSteps = byMode("gpu");
  const fallback = byMode("cpu-fallback");
  if (gpuSteps.length > 0) rows.push(["Steps on GPU", gpuSteps.join(", ")]);
  if (fallback.length > 0) rows.push(["Steps on CPU (no GPU found)", fallback.join(", ")]);
  const e = h.engine;
  rows.push([
    "Docker engine",
    [e.version ?? "unknown", e.os && `on ${e.os}`, e.kernel && `(kernel ${e.kernel})`].filter(Boolean).join(" ")
  ]);
  rows.push(["BuildKit", h.buildkit ?? `built into engine ${e.version ?? ""}`.trim()]);
  return rows;
}

// src/lint/report.ts
function isBlocking(f, report) {
  const severity = ruleInfo(f.rule).severity;
  return severity === "error" || report.level === "error" && severity === "warning";
}
function findingLabel(f, report) {
  const sev = ruleInfo(f.rule).severity === "note" ? "note" : isBlocking(f, report) ? "error" : "warning";
  return `${sev} ${f.rule} ${ruleInfo(f.rule).name}`;
}
function renderLintText(report) {
  const out = [];
  for (const f of report.findings) {
    out.push(`${f.file}:${f.line}: ${findingLabel(f, report)}: ${f.message}`, `  Fix: ${ruleInfo(f.rule).fix}`);
  }
  out.push(summaryLine(report), ...contextLines(report));
  return out.join("\n");
}
function contextLines(report) {
  return report.files.map(
    (file) => `  ${file.dockerfile}: build context ${file.context} sends ${file.contextFiles} file(s), ${formatBytes(file.contextBytes)}`
  );
}
function summaryLine(report) {
  const n = report.findings.length;
  const blocking = report.findings.filter((f) => isBlocking(f, report)).length;
  const suppressed = report.suppressed ? `, ${report.suppressed} suppressed` : "";
  const verdict = n === 0 ? "no findings" : `${n} finding(s)${blocking ? `, ${blocking} at level error` : ""}`;
  return `lint: ${report.files.length} Dockerfile(s), ${verdict}${suppressed}.`;
}
function lintTables(report) {
  return {
    findings: {
      head: ["Rule", "Where", "Finding", "Fix"],
      rows: report.findings.map((f) => [
        `${f.rule} ${ruleInfo(f.rule).name}`,
        `\`${f.file}:${f.line}\``,
        f.message,
        ruleInfo(f.rule).fix
      ])
    },
    contexts: {
      head: ["Dockerfile", "Build context", "Files", "Size"],
      rows: report.files.map((f) => [
        `\`${f.dockerfile}\``,
        `\`${f.context}\``,
        String(f.contextFiles),
        formatBytes(f.contextBytes)
      ])
    }
  };
}

// src/runcache/runcache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, lstatSync } from "node:fs";
import os from "node:os";
import path2 from "node:path";
function runCacheBase(env, home = os.homedir()) {
  if (env.RUNNER_TOOL_CACHE) return path2.join(env.RUNNER_TOOL_CACHE, "repro-ci", "run-caches");
  return path2.join(env.XDG_CACHE_HOME || path2.join(home, ".cache"), "repro-ci", "run-caches");
}
function runCacheKeyPrefix(project, name, platform = `${process.platform}-${process.arch}`) {
  return `repro-ci-run-v1-${platform}-${project}-${name}-`;
}
function fingerprintDir(dir) {
  const lines = [];
  let bytes = 0;
  const walk2 = (rel2) => {
    let names;
    try {
      names = readdirSync(path2.join(dir, rel2));
    } catch {
      return;
    }
    for (const name of names) {
      const r = rel2 ? `${rel2}/${name}` : name;
      const st = lstatSync(path2.join(dir, r));
      if (st.isDirectory()) walk2(r);
      else {
        bytes += st.isFile() ? st.size : 0;
        lines.push(`${r}	${st.size}	${Math.floor(st.mtimeMs)}`);
      }
    }
  };
  walk2("");
  lines.sort();
  return {
    files: lines.length,
    bytes,
    digest: createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)
  };
}
var RunCaches = class {
  constructor(base, project, log, store) {
    this.base = base;
    this.project = project;
    this.log = log;
    this.store = store;
  }
  base;
  project;
  log;
  store;
  entries = /* @__PURE__ */ new Map();
  /** The host folder of a cache, restored from the store the first time a step asks for it. */
  async prepare(spec) {
    const known = this.entries.get(spec.name);
    if (known) return known.report.hostDir;
    const hostDir = path2.join(this.base, this.project, spec.name);
    mkdirSync(hostDir, { recursive: true });
    const report = { name: spec.name, hostDir, files: 0, bytes: 0 };
    const before = fingerprintDir(hostDir);
    if (this.store && before.files === 0) {
      const prefix = runCacheKeyPrefix(this.project, spec.name);
      const r = await this.store.restore([hostDir], prefix, [prefix]).catch((e) => ({ key: void 0, problem: errorMessage(e) }));
      report.restoredKey = r.key;
      if (r.problem) this.log.warning(`run cache "${spec.name}": restore failed, starting empty: ${r.problem}`);
    }
    const now = this.store && before.files === 0 ? fingerprintDir(hostDir) : before;
    Object.assign(report, { files: now.files, bytes: now.bytes });
    this.log.info(
      `run cache "${spec.name}": ${hostDir}, ${now.files} file(s), ${formatBytes(now.bytes)}${report.restoredKey ? ` (restored ${report.restoredKey})` : this.store ? " (nothing to restore)" : ""}`
    );
    this.entries.set(spec.name, { report, digestBefore: now.digest });
    return hostDir;
  }
  /** Saves every cache whose content changed since it was prepared. */
  async saveChanged() {
    const out = [];
    for (const { report, digestBefore } of this.entries.values()) {
      const now = fingerprintDir(report.hostDir);
      Object.assign(report, { files: now.files, bytes: now.bytes });
      if (now.digest !== digestBefore && this.store) {
        const key = `${runCacheKeyPrefix(this.project, report.name)}${now.digest}`;
        const r = await this.store.save([report.hostDir], key).catch((e) => ({ problem: errorMessage(e) }));
        if (r.key) {
          report.savedKey = key;
          this.log.info(`run cache "${report.name}": saved ${now.files} file(s), ${formatBytes(now.bytes)} as ${key}`);
        } else if (r.exists) {
          this.log.info(`run cache "${report.name}": ${key} exists already (the same content); not saved again`);
        } else {
          this.log.warning(
            `run cache "${report.name}": not saved: ${r.problem ?? "the cache service did not accept it"}`
          );
        }
      } else {
        this.log.info(
          `run cache "${report.name}": ${now.digest === digestBefore ? "unchanged" : "kept on this machine"}, ${now.files} file(s), ${formatBytes(now.bytes)}`
        );
      }
      out.push(report);
    }
    return out;
  }
  get used() {
    return this.entries.size > 0;
  }
};
function runCacheLines(reports) {
  return reports.map((r) => {
    const parts = [`${r.files} file(s), ${formatBytes(r.bytes)}`];
    if (r.restoredKey) parts.push(`restored \`${r.restoredKey}\``);
    if (r.savedKey) parts.push(`saved \`${r.savedKey}\``);
    else parts.push("not saved (unchanged or no cache service)");
    return `- \`${r.name}\`: ${parts.join(", ")}`;
  });
}

// src/cache/report.ts
var RESTORE_TEXT = {
  hit: "\u2705 hit",
  partial: "\u{1F7E1} older content",
  miss: "\u26AA miss",
  kept: "\u2705 builder had it",
  failed: "\u26A0\uFE0F failed",
  off: "\u2014 local only"
};
var LAYER_RESTORE_TEXT = { hit: "\u2705 hit", older: "\u{1F7E1} older image", miss: "\u26AA miss", failed: "\u26A0\uFE0F failed" };
var SAVE_TEXT = {
  saved: "\u2705 saved",
  unchanged: "unchanged",
  exists: "key exists",
  empty: "empty",
  failed: "\u26A0\uFE0F failed",
  skipped: "skipped",
  off: "\u2014"
};
function cacheRows(report) {
  return {
    head: ["Cache", "Restore", "Key", "Restored", "Save", "Saved", "Time"],
    rows: report.mounts.map((m) => [
      m.id,
      RESTORE_TEXT[m.restore.status],
      m.restore.matchedKey ?? m.key,
      m.restore.files > 0 ? `${m.restore.files} files, ${formatBytes(m.restore.bytes)}` : "\u2014",
      SAVE_TEXT[m.save.status],
      m.save.status === "saved" ? `${m.save.files} files, ${formatBytes(m.save.bytes)}` : "\u2014",
      `${(m.restore.seconds + m.save.seconds).toFixed(1)}s`
    ]).concat(
      (report.layerImages ?? []).map((l) => [
        `layers of ${l.image}`,
        LAYER_RESTORE_TEXT[l.restore.status],
        l.restore.matchedKey ?? l.key,
        l.restore.bytes > 0 ? formatBytes(l.restore.bytes) : "\u2014",
        SAVE_TEXT[l.save.status],
        l.save.status === "saved" ? formatBytes(l.save.bytes) : "\u2014",
        `${(l.restore.seconds + l.save.seconds).toFixed(1)}s`
      ])
    )
  };
}
function cacheSummaryLine(report) {
  const mounts = report.backend === "actions" ? "cache mounts are kept in the Actions cache" : "cache mounts stay in the local BuildKit cache (no cache service)";
  return `Layer cache: ${report.layers.strategy} (${report.layers.reason}); ${mounts}.`;
}
function cacheOutput(report) {
  if (!report) return "{}";
  const round2 = (s) => Math.round(s * 10) / 10;
  return JSON.stringify({
    ...report,
    mounts: report.mounts.map((m) => ({
      ...m,
      restore: {
        ...m.restore,
        seconds: round2(m.restore.seconds),
        ...m.restore.injectSeconds === void 0 ? {} : { injectSeconds: round2(m.restore.injectSeconds) }
      },
      save: {
        ...m.save,
        seconds: round2(m.save.seconds),
        ...m.save.extractSeconds === void 0 ? {} : { extractSeconds: round2(m.save.extractSeconds) }
      }
    })),
    ...report.layerImages ? {
      layerImages: report.layerImages.map((l) => ({
        ...l,
        restore: { ...l.restore, seconds: round2(l.restore.seconds) },
        save: { ...l.save, seconds: round2(l.save.seconds) }
      }))
    } : {}
  });
}

// src/determinism/compare.ts
function supportsSourceDateEpoch(buildkit) {
  if (unstampedBuildkit(buildkit)) return true;
  const m = /^v?(\d+)\.(\d+)/.exec(buildkit ?? "");
  return !!m && (Number(m[1]) > 0 || Number(m[2]) >= 11);
}
function unstampedBuildkit(buildkit) {
  return /^v?0\.0\.0(\+|$)/.test(buildkit ?? "");
}
function epochSeconds(iso) {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1e3) : void 0;
}
function planDeterminism(buildkit, commitTime) {
  if (!supportsSourceDateEpoch(buildkit)) {
    const which = buildkit ? `BuildKit ${shortVersion(buildkit)}` : "BuildKit of unknown version";
    return {
      buildkit,
      note: `this builder (${which}) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical`
    };
  }
  const sourceDateEpoch = epochSeconds(commitTime);
  if (sourceDateEpoch === void 0)
    return {
      buildkit,
      note: "no commit time is known, so SOURCE_DATE_EPOCH is not set; image ids will differ by their timestamps even when the content is identical"
    };
  if (unstampedBuildkit(buildkit))
    return {
      buildkit,
      sourceDateEpoch,
      assumed: `this builder reports no BuildKit version (${buildkit}, built without the version stamp); taken as current, so SOURCE_DATE_EPOCH is set`
    };
  return { buildkit, sourceDateEpoch };
}
function shortVersion(v) {
  return /^v?\d+\.\d+(\.\d+)?/.exec(v)?.[0].replace(/^(\d)/, "v$1") ?? v;
}
function determinismBuildArgs(plan) {
  return plan?.sourceDateEpoch === void 0 ? {} : { SOURCE_DATE_EPOCH: String(plan.sourceDateEpoch) };
}
function layerInstructions(historyOldestFirst, layerCount) {
  const makesLayer = (c) => {
    const s = c.trim();
    const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/.exec(s);
    if (nop) return /^(ADD|COPY)\b/.test(nop[1]);
    if (/^\/bin\/sh -c /.test(s)) return true;
    return /^(RUN|COPY|ADD)\b/.test(s);
  };
  const layers = historyOldestFirst.filter(makesLayer).map(
    (c) => c.replace(/^\/bin\/sh -c #\(nop\)\s*/, "").replace(/\s*# buildkit$/, "").trim()
  );
  return layers.length === layerCount ? layers : void 0;
}
function compareImages(c) {
  const base = { key: c.key, id: c.id, rebuiltId: c.rebuiltId };
  const n = Math.min(c.layers.length, c.rebuiltLayers.length);
  let matching = 0;
  while (matching < n && c.layers[matching] === c.rebuiltLayers[matching]) matching++;
  const sameLayers = matching === c.layers.length && matching === c.rebuiltLayers.length;
  const layers = { original: c.layers.length, rebuilt: c.rebuiltLayers.length, matching };
  if (c.id === c.rebuiltId)
    return {
      ...base,
      verdict: "identical",
      layers,
      message: `${c.key}: identical: the rebuild has the same image id ${short(c.id)}`
    };
  if (sameLayers) {
    const why = c.plan.sourceDateEpoch === void 0 ? "the created timestamps" : "metadata (the image config)";
    return {
      ...base,
      verdict: "metadata-only",
      layers,
      message: `${c.key}: same file content (all ${matching} layers match), different image id (${short(c.id)} vs ${short(c.rebuiltId)}): they differ only in ${why}`
    };
  }
  const index = matching;
  const firstDifferent = {
    index,
    original: c.layers[index] ?? "(none)",
    rebuilt: c.rebuiltLayers[index] ?? "(none)",
    ...c.instructions?.[index] ? { instruction: c.instructions[index] } : {}
  };
  const where = firstDifferent.instruction ? ` (${truncate(firstDifferent.instruction, 80)})` : "";
  const timestamps = timestampHint(firstDifferent.instruction);
  return {
    ...base,
    verdict: "content-differs",
    layers: { ...layers, firstDifferent },
    message: `${c.key}: different content: layer ${index + 1} of ${c.rebuiltLayers.length}${where} differs first, ${matching} layer${matching === 1 ? "" : "s"} before it match${timestamps}`
  };
}
function timestampHint(instruction) {
  if (!instruction) return "";
  if (/^(COPY|ADD)\b/.test(instruction))
    return "; COPY and ADD keep the source files' modification times, which differ between checkouts (or between a cached layer and a fresh one)";
  return "; files written during the build carry their build time, which alone changes a layer";
}
function failedRebuild(key, id, error) {
  return { key, id, verdict: "failed", message: `${key}: the rebuild failed, so determinism is unknown: ${error}` };
}
function summarizeDeterminism(plan, images) {
  return { ...plan, images, contentIdentical: images.every((i) => i.verdict !== "content-differs") };
}
function determinismHeadline(r) {
  const count = (v) => r.images.filter((i) => i.verdict === v).length;
  const parts = [`${count("identical")}/${r.images.length} identical`];
  if (count("metadata-only")) parts.push(`${count("metadata-only")} same content with different metadata`);
  if (count("content-differs")) parts.push(`${count("content-differs")} with different content`);
  if (count("failed")) parts.push(`${count("failed")} rebuild${count("failed") > 1 ? "s" : ""} failed`);
  const sde = r.sourceDateEpoch === void 0 ? "" : ` (SOURCE_DATE_EPOCH=${r.sourceDateEpoch})`;
  return `rebuild check: ${parts.join(", ")}${sde}`;
}
function short(id) {
  return id.replace(/^sha256:/, "").slice(0, 12);
}
function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}\u2026` : s;
}

// src/determinism/report.ts
var LABEL = {
  identical: "\u2705 identical",
  "metadata-only": "\u{1F7E1} same content, different metadata",
  "content-differs": "\u274C different content",
  failed: "\u26A0\uFE0F rebuild failed"
};
function determinismSection(r, table) {
  const rows = r.images.map((i) => {
    const l = i.layers;
    const first = l?.firstDifferent ? `layer ${l.firstDifferent.index + 1}${l.firstDifferent.instruction ? `: \`${clip(l.firstDifferent.instruction.replace(/`/g, "'"))}\`` : ""}` : "";
    return [i.key, LABEL[i.verdict], l ? `${l.matching}/${l.rebuilt}` : "", first];
  });
  const parts = ["### Rebuild check", "", `${determinismHeadline(r).replace(/^rebuild check: /, "")}.`, ""];
  if (r.note) parts.push(`> ${r.note[0].toUpperCase()}${r.note.slice(1)}.`, "");
  parts.push(table(["Image", "Verdict", "Layers matching", "First differing layer"], rows), "");
  return parts;
}
function clip(s) {
  return s.length > 100 ? `${s.slice(0, 99)}\u2026` : s;
}

// src/report/table.ts
function checkRows(result) {
  const compared = result.checks.some((c) => c.against || c.skipped);
  const head = compared ? ["metric", "value", "reference/base", "delta", "rule", "status"] : ["metric", "value", "rule", "status"];
  const ruled = new Set(result.checks.map((c) => c.metric));
  const rows = result.checks.map((c) => {
    const status = c.skipped ? `\u2139\uFE0F ${c.message}` : c.ok ? "\u2705 pass" : `\u274C fail: ${c.message}`;
    const value = c.value === void 0 ? "\u2014" : formatNumber(c.value);
    if (!compared) return [c.metric, value, c.rule, status];
    return [
      c.metric,
      value,
      c.against ? formatNumber(c.against.value) : "",
      c.against ? formatDelta(c.against.delta) : "",
      c.rule,
      status
    ];
  });
  for (const [name, value] of Object.entries(result.metrics ?? {}))
    if (!ruled.has(name))
      rows.push(compared ? [name, formatNumber(value), "", "", "", ""] : [name, formatNumber(value), "", ""]);
  return { head, rows };
}
function repeatRows(repeat) {
  return {
    head: ["metric", "mean", "std", "min", "max"],
    rows: Object.entries(repeat.stats).map(([name, s]) => [
      name,
      formatNumber(s.mean),
      formatNumber(s.std),
      formatNumber(s.min),
      formatNumber(s.max)
    ])
  };
}
function checkNotes(result) {
  const notes = [];
  const b = result.baseline;
  if (b)
    notes.push(b.found ? `Baseline: ${b.label} (last successful run of ${b.branch}).` : `No baseline: ${b.reason}.`);
  const r = result.repeat;
  if (r) {
    const seeds = r.seeds ? ` with seeds ${r.seeds.join(", ")}` : " with the same inputs";
    notes.push(`${r.count} runs${seeds}; rules applied to ${r.checks === "each" ? "each run" : "the mean"}.`);
    notes.push(
      r.identical ? `Outputs bit-identical across the ${r.count} runs.` : `Outputs differ between runs: ${r.differing.slice(0, 5).join(", ")}${r.differing.length > 5 ? `, and ${r.differing.length - 5} more` : ""}.`
    );
  }
  return notes;
}
function formatDelta(n) {
  const rounded = Number(n.toPrecision(6));
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded === 0 ? 0 : rounded);
}
function stageRows(result) {
  const icon = { ok: "\u2705", failed: "\u274C", skipped: "\u23ED\uFE0F", cancelled: "\u26D4" };
  return {
    head: ["stage", "status", "time"],
    rows: result.stages.map((s) => [
      s.name,
      `${icon[s.status]} ${s.status}`,
      s.status === "skipped" ? "" : formatDuration(s.seconds)
    ])
  };
}
function imageRows(result) {
  return {
    head: ["image", "id", "pushed"],
    rows: result.images.map((img) => {
      const p = result.pushed.find((x) => x.key === img.key);
      return [img.key, shortId(img.id), p ? `${p.repository}:${p.tags.join(",")} @ ${shortId(p.digest)}` : "\u2014"];
    })
  };
}
function shortId(id) {
  return id.replace(/^sha256:/, "").slice(0, 12);
}
function formatNumber(n) {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(4);
  return String(Number(n.toPrecision(6)));
}

// src/report/markdown.ts
function markdownTable(head, rows) {
  const esc = (c) => c.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${head.map(esc).join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)
  ].join("\n");
}
var MAX_SUMMARY_BYTES = 1024 * 1024;
var MAX_OUTPUT_BYTES = 1e6;
function fitSummary(markdown, fullReport, limit = MAX_SUMMARY_BYTES) {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = `

> The summary stops here: GitHub takes at most ${Math.round(limit / 1024)} KiB. The whole report is in \`${fullReport}\`.
`;
  let cut = markdown.slice(0, limit - Buffer.byteLength(note) - 4096);
  while (Buffer.byteLength(cut) > limit - Buffer.byteLength(note)) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf("\n")) + note;
}
function fitOutput(name, value, file, limit = MAX_OUTPUT_BYTES) {
  if (Buffer.byteLength(value) <= limit) return value;
  return JSON.stringify({
    omitted: `${name} is ${Buffer.byteLength(value)} bytes, more than GitHub takes in an output (${limit}); see ${file}`
  });
}
function renderMarkdownReport(result) {
  const failed = result.checks.filter((c) => !c.ok).length;
  const verdict = result.error ? "\u274C failed" : failed > 0 ? `\u274C ${failed} check${failed > 1 ? "s" : ""} failed` : "\u2705 passed";
  const parts = [`## repro-ci: ${verdict}`, ""];
  if (result.error) parts.push("```text", result.error.describe(), "```", "");
  for (const w of result.warnings) parts.push(`> [!WARNING]
> ${w}`, "");
  if (result.checks.length > 0 || Object.keys(result.metrics ?? {}).length > 0) {
    const t = checkRows(result);
    parts.push("### Metrics", "", markdownTable(t.head, t.rows), "");
  }
  if (result.repeat) {
    const r = repeatRows(result.repeat);
    parts.push(`### Repeats (${result.repeat.count} runs)`, "", markdownTable(r.head, r.rows), "");
  }
  const notes = checkNotes(result);
  if (notes.length > 0) parts.push(notes.join("\n"), "");
  if (result.lint) {
    const t = lintTables(result.lint);
    parts.push("### Lint", "", summaryLine(result.lint).replace(/^lint: /, ""), "");
    if (t.findings.rows.length > 0) parts.push(markdownTable(t.findings.head, t.findings.rows), "");
    parts.push(markdownTable(t.contexts.head, t.contexts.rows), "");
  }
  if (result.determinism) parts.push(...determinismSection(result.determinism, markdownTable));
  const s = stageRows(result);
  parts.push("### Stages", "", markdownTable(s.head, s.rows), "");
  if (result.images.length > 0) {
    const i = imageRows(result);
    parts.push("### Images", "", markdownTable(i.head, i.rows), "");
  }
  if (result.hardware)
    parts.push("### Hardware", "", markdownTable(["Machine", "This run"], hardwareRows(result.hardware)), "");
  if (result.runCaches?.length) parts.push("### Run-time caches", "", ...runCacheLines(result.runCaches), "");
  if (result.cache) {
    const c = cacheRows(result.cache);
    parts.push("### Build caches", "", cacheSummaryLine(result.cache), "");
    if (c.rows.length > 0) parts.push(markdownTable(c.head, c.rows), "");
  }
  parts.push(`Push: ${result.push.push ? "pushed" : "not pushed"} (${result.push.reason}).`, "");
  if (result.environment) {
    const e = result.environment;
    parts.push(
      `Docker engine ${e.serverVersion}, client ${e.clientVersion}, ${e.builder === "buildx" ? `buildx ${e.buildxVersion ?? ""}`.trim() : "classic BuildKit builder"}. Results and logs: \`${result.resultsDir}\`.`,
      ""
    );
  }
  return parts.join("\n");
}

// src/pipeline/machine.ts
import os2 from "node:os";

// src/gpu/preflight.ts
var GpuPreflight = class {
  constructor(docker, exec2, runId, engine) {
    this.docker = docker;
    this.exec = exec2;
    this.runId = runId;
    this.engine = engine;
  }
  docker;
  exec;
  runId;
  engine;
  probes = /* @__PURE__ */ new Map();
  host;
  /** Decides the `--gpus` value of a step; throws the diagnosis when GPUs were required and are not usable. */
  async decide(step, image, request) {
    const gpus = request.flag ?? "all";
    const key = `${image}
${gpus}`;
    let probe = this.probes.get(key);
    if (!probe) this.probes.set(key, probe = this.probe(image, gpus));
    const p = await probe;
    if (p.ok) return { gpus, report: p.report, note: p.note };
    const diagnosis = diagnoseGpuFailure(
      p,
      { runtimes: (await this.engine()).runtimes, cdiSpecDirs: (await this.engine()).cdiSpecDirs },
      await this.hostSmi()
    );
    if (request.optional)
      return {
        gpus: "none",
        cpuFallback: `step "${step}" runs on the CPU: \`gpus: optional\`, and ${diagnosis.problem.replace(/\.$/, "")}.`
      };
    throw gpuPreflightError(step, request.value, diagnosis, p.output, request.override);
  }
  async probe(image, gpus) {
    const res = await this.docker.runCaptured({
      name: `repro-ci-${this.runId}-gpu-probe-${Math.random().toString(36).slice(2, 8)}`,
      image,
      labels: { [LABEL_RUN]: this.runId },
      envNames: [],
      mounts: [],
      network: "none",
      gpus,
      entrypoint: "nvidia-smi",
      args: ["-q", "-x"]
    });
    const output = `${res.stdout}${res.stderr}`;
    if (res.exitCode === 0) {
      const report = parseNvidiaSmiXml(res.stdout);
      if (report && report.devices.length === 0)
        return { ok: false, exitCode: res.exitCode, output: "No devices were found" };
      return { ok: true, report, exitCode: 0, output };
    }
    if (res.exitCode === 126 || res.exitCode === 127)
      return {
        ok: true,
        note: "nvidia-smi does not run in this image, so the GPUs were not recorded",
        exitCode: res.exitCode,
        output
      };
    return { ok: false, exitCode: res.exitCode, output };
  }
  hostSmi() {
    return this.host ??= this.exec("nvidia-smi", []).then(
      (r) => ({ found: true, exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` }),
      () => ({ found: false })
    );
  }
};

// src/hardware/disk.ts
import { statfsSync } from "node:fs";
var MIN_FREE_BYTES = { docker: 10 * 2 ** 30, workspace: 2 * 2 ** 30 };
function diskWarning(d, minFreeBytes) {
  if (d.freeBytes >= minFreeBytes) return void 0;
  return `low disk space: ${d.label} (${d.path}) has ${formatBytes(d.freeBytes)} free of ${formatBytes(d.totalBytes)}, below ${formatBytes(minFreeBytes)}; builds and steps may fail with "no space left on device". Free space with \`docker system prune\` or \`docker builder prune\`, or remove old results.`;
}
function diskSpace(label, path22) {
  try {
    const s = statfsSync(path22);
    return { label, path: path22, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return void 0;
  }
}

// src/pipeline/machine.ts
var GPU_SHM_SIZE = "2g";
var Machine = class {
  constructor(o) {
    this.o = o;
    let info;
    this.engine = () => info ??= o.docker.info();
    const exec2 = o.exec ?? exec;
    this.preflight = new GpuPreflight(o.docker, exec2, o.runId, this.engine);
    this.caches = new RunCaches(
      o.runCacheBase ?? runCacheBase(o.env ?? process.env),
      o.project,
      o.log,
      o.runCacheStore
    );
  }
  o;
  record;
  buildkit;
  warned = /* @__PURE__ */ new Set();
  engine;
  preflight;
  caches;
  /** The hardware record (without GPUs until a GPU step ran) and a disk check of the engine and the workspace. */
  async inspect(workspace) {
    const engine = await this.engine();
    const cpus = os2.cpus();
    const record = this.record = hardwareRecord(
      { cpuModel: cpus[0]?.model ?? "unknown", cpuCount: cpus.length, memoryBytes: os2.totalmem() },
      engine,
      void 0
    );
    this.buildkit = this.o.docker.buildkitVersion().then((v) => {
      record.buildkit = v;
    });
    this.o.log.info(
      `machine: ${record.cpu.model} \xD7 ${record.cpu.count}, engine runtimes: ${engine.runtimes.join(", ") || "none"}`
    );
    await this.checkDisk(workspace);
    return record;
  }
  /** Waits for facts still being gathered (the BuildKit version), before the record is written. */
  async finish() {
    await this.buildkit;
  }
  /** Warns once per folder when Docker's data folder or the workspace is low on space. */
  async checkDisk(workspace) {
    const engine = await this.engine();
    const spaces = [
      engine.rootDir ? { d: diskSpace("Docker's data folder", engine.rootDir), min: MIN_FREE_BYTES.docker } : void 0,
      { d: diskSpace("the workspace", workspace), min: MIN_FREE_BYTES.workspace }
    ];
    for (const s of spaces) {
      const msg = s?.d && diskWarning(s.d, s.min);
      if (msg && !this.warned.has(s.d.path)) {
        this.warned.add(s.d.path);
        this.warn(msg);
      }
    }
  }
  /** `request`: the step's GPUs as the run plan parsed them (the override of the gpus input or --gpus included). */
  async prepareStep(step, image, request) {
    const r = step.resources;
    let gpus = "none";
    if (request.flag) {
      const d = await this.preflight.decide(step.name, image, request);
      if ("cpuFallback" in d) {
        this.warn(d.cpuFallback);
      } else {
        gpus = d.gpus;
        if (d.report) {
          this.o.log.info(`GPUs for step "${step.name}": ${describeGpus(d.report)}`);
          if (this.record && !this.record.gpu) this.record.gpu = { ...d.report, step: step.name };
        } else if (d.note) {
          this.o.log.info(`step "${step.name}" runs with --gpus ${gpus}; ${d.note}.`);
        }
      }
      this.recordStep(step.name, gpus, "cpuFallback" in d ? "cpu-fallback" : "gpu");
    } else {
      this.recordStep(step.name, "none", "cpu");
    }
    const env = this.containerEnv(step);
    const cacheMounts = [];
    for (const c of r.caches)
      cacheMounts.push({ host: await this.caches.prepare(c), container: c.container, readOnly: false });
    return {
      gpus,
      resources: resourcesFor(r, gpus, this.o.runnerUser),
      env,
      cacheMounts,
      heartbeatSeconds: r.heartbeatSeconds
    };
  }
  /** Saves the run-time caches whose content changed (after the steps). */
  async saveCaches() {
    return this.caches.used ? this.caches.saveChanged() : [];
  }
  /** The line a silent step prints: `still running step "train" (12m00s elapsed, no output for 5m00s)`. */
  static heartbeatLine(step, elapsed, silent) {
    return `still running step "${step}" (${formatDuration(elapsed)} elapsed, no output for ${formatDuration(silent)})`;
  }
  get hardwareRecord() {
    return this.record;
  }
  recordStep(name, gpus, mode) {
    if (this.record) this.record.steps[name] = { gpus, mode };
  }
  containerEnv(step) {
    let env;
    try {
      env = containerEnv({
        fixed: step.env,
        passNames: step.resources.passEnv,
        runner: this.o.env ?? process.env,
        credentials: this.o.credentials ?? [],
        untrusted: !!this.o.untrusted
      });
    } catch (e) {
      if (!(e instanceof RefusedEnv)) throw e;
      throw new ReproError(`step "${step.name}": ${e.message}`, { location: step.where, fix: REFUSED_ENV_FIX });
    }
    for (const p of env.passed) secrets.add(p.value, p.name);
    const list = (names) => `${names.join(", ")} ${names.length > 1 ? "are" : "is"}`;
    if (env.missing.length > 0)
      this.warn(
        `step "${step.name}": ${list(env.missing)} not set on the runner, so not passed to the container (\`pass-env\`).`
      );
    if (env.withheld.length > 0)
      this.warn(
        `step "${step.name}": ${list(env.withheld)} not passed to the container: ${this.o.untrusted}, and untrusted code gets nothing from the runner (\`pass-env\`).`
      );
    return env;
  }
  warn(msg) {
    this.o.log.warning(msg);
    this.o.warnings.push(msg);
  }
};
function resourcesFor(r, gpus, runnerUser) {
  const sharesShm = r.ipc === "host" || r.ipc?.startsWith("container:");
  const shmSize = r.shmSize ?? (gpus !== "none" && !sharesShm ? GPU_SHM_SIZE : void 0);
  let user = r.user;
  if (user === "runner") {
    if (!runnerUser)
      throw new ReproError("`user: runner` needs the runner's uid and gid, which this platform does not have.", {
        fix: "write `user: UID:GID` instead."
      });
    user = runnerUser;
  }
  return { shmSize, memory: r.memory, cpus: r.cpus, ulimits: r.ulimits, ipc: r.ipc, user };
}
function currentUser() {
  return process.getuid && process.getgid ? `${process.getuid()}:${process.getgid()}` : void 0;
}
function passEnvValues(steps, env) {
  const names = new Set(steps.flatMap((s) => s.resources.passEnv));
  return [...names].flatMap((name) => env[name] ? [{ name, value: env[name] }] : []);
}

// src/util/settle.ts
function settle(work) {
  return work.then(
    (value) => ({ value }),
    (error) => ({ error })
  );
}
function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}
function unwrap(s) {
  if ("error" in s) throw s.error;
  return s.value;
}

// src/cache/store.ts
import { AsyncLocalStorage } from "node:async_hooks";
var KEY_TAKEN = /\balready exists\b/i;
function keyTakenReason(key) {
  return `another run saved ${key} first (entries cannot be replaced)`;
}
var ActionsCacheStore = class _ActionsCacheStore {
  constructor(cache, budgetMs) {
    this.cache = cache;
    this.budgetMs = budgetMs;
  }
  cache;
  budgetMs;
  /**
   * The store when the runner offers a cache service, else undefined. The client (~1.4 MB with the Azure
   * SDK, ~0.15 s to load) is loaded only where a service may be there, and best while Docker is being
   * asked about its version: the two then share the machine's time instead of adding up.
   */
  static async fromEnv(budgetMs) {
    if (!process.env.ACTIONS_RESULTS_URL && !process.env.ACTIONS_CACHE_URL) return void 0;
    const cache = await import("./cache-RRA5N5BM.js");
    return cache.isFeatureAvailable() ? new _ActionsCacheStore(cache, budgetMs) : void 0;
  }
  async restore(paths, key, restoreKeys, out) {
    const { value, problem } = await captureClientOutput(
      () => this.cache.restoreCache(paths, key, restoreKeys),
      out,
      this.budgetMs
    );
    return { key: value, problem };
  }
  async lookup(paths, key) {
    const { value, problem } = await captureClientOutput(
      () => this.cache.restoreCache(paths, key, [], { lookupOnly: true }),
      () => void 0,
      this.budgetMs
    );
    return { key: value, problem };
  }
  async save(paths, key) {
    const { value, problem, said } = await captureClientOutput(
      () => this.cache.saveCache(paths, key),
      void 0,
      this.budgetMs
    );
    if (value !== void 0 && value > 0) return { key };
    const why = problem ?? `the cache service did not accept key ${key}`;
    return KEY_TAKEN.test(said) ? { problem: why, exists: true } : { problem: why };
  }
};
var captures = new AsyncLocalStorage();
var calls = 0;
var stdoutWrite;
async function captureClientOutput(fn, out, budgetMs) {
  const capture = { problems: [], said: "", out, open: true };
  if (calls++ === 0) stdoutWrite = interceptStdout();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    capture.open = false;
    if (--calls === 0) process.stdout.write = stdoutWrite;
  };
  let timer;
  const late = new Promise((resolve) => {
    if (budgetMs !== void 0) timer = setTimeout(() => resolve("late"), budgetMs).unref();
  });
  try {
    const value = await Promise.race([captures.run(capture, fn), late]);
    if (value === "late")
      return {
        problem: `the cache service did not finish within ${budgetMs / 1e3} s (\`cache.service-timeout\`), so the run goes on without it`,
        said: capture.said
      };
    return {
      value,
      problem: capture.problems.length > 0 ? capture.problems.join("; ") : void 0,
      said: capture.said
    };
  } catch (e) {
    return { problem: [...capture.problems, e.message].join("; "), said: capture.said };
  } finally {
    clearTimeout(timer);
    close();
  }
}
function interceptStdout() {
  const write = process.stdout.write;
  const pass = (...args) => write.apply(process.stdout, args);
  process.stdout.write = ((chunk, ...rest) => {
    const capture = captures.getStore();
    if (!capture?.open) return pass(chunk, ...rest);
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    capture.said += text;
    const kept = text.split(/(?<=\n)/).filter((line) => {
      const m = /^::(warning|error)(?: [^:]*)?::(.*)$/s.exec(line);
      if (m) capture.problems.push(decodeCommand(m[2].trim()));
      return !m;
    }).join("");
    if (!kept) return true;
    if (capture.out) {
      capture.out(kept);
      return true;
    }
    return pass(kept, ...rest);
  });
  return write;
}
function decodeCommand(s) {
  return s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

// src/pipeline/result.ts
var RESULT_FILE = "result.json";
var REPORT_FILE = "report.md";

// src/pipeline/pipeline.ts
import { existsSync as existsSync8 } from "node:fs";
import path18 from "node:path";

// src/checks/rules.ts
function describeRule(rule) {
  if (rule.min !== void 0 && rule.max !== void 0) return `between ${rule.min} and ${rule.max}`;
  if (rule.min !== void 0) return `\u2265 ${rule.min}`;
  return `\u2264 ${rule.max}`;
}
function describeReference(tol) {
  return `\u2248 reference (atol ${tol.atol}, rtol ${tol.rtol})`;
}
function describeBase(base) {
  return `no worse than base (${base.direction} is better${base.allowedDrop ? `, drop \u2264 ${base.allowedDrop}` : ""})`;
}
function evaluateRules(rules, doc, inputs = {}) {
  return rules.flatMap((r) => {
    const out = [];
    if (r.min !== void 0 || r.max !== void 0 || !r.reference && !r.base) out.push(evaluateRule(r, doc));
    if (r.reference) out.push(evaluateReference(r.metric, r.reference, doc, inputs.reference));
    if (r.base) out.push(evaluateBase(r.metric, r.base, doc, inputs.base));
    return out;
  });
}
function numericMetric(doc, metric, where = "the metrics file") {
  const raw = lookup(doc, metric);
  if (raw === void 0) {
    const paths = Object.keys(flattenNumbers(doc));
    return {
      message: `metric "${metric}" is not in ${where}; ${paths.length ? didYouMean(metric, paths) : `${where === "the metrics file" ? "the file" : where} has no metrics`}`
    };
  }
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    const quotedNumber = typeof raw === "string" && raw.trim() !== "" && !Number.isNaN(Number(raw));
    const kind = raw === null ? "null" : Array.isArray(raw) ? "a list" : typeof raw === "object" ? "an object" : `a ${typeof raw}`;
    const shown = typeof raw === "number" ? String(raw) : quotedNumber ? "a number in quotes (write it without them)" : kind;
    return {
      message: `metric "${metric}" is ${shown}, not a finite number${where === "the metrics file" ? "" : ` in ${where}`}`
    };
  }
  return { value: raw };
}
function evaluateRule(r, doc) {
  const rule = describeRule(r);
  const n = numericMetric(doc, r.metric);
  if (!("value" in n)) return { metric: r.metric, rule, ok: false, message: n.message };
  const raw = n.value;
  const failures = [];
  if (r.min !== void 0 && raw < r.min) failures.push(`${raw} is below the minimum ${r.min}`);
  if (r.max !== void 0 && raw > r.max) failures.push(`${raw} is above the maximum ${r.max}`);
  return { metric: r.metric, value: raw, rule, ok: failures.length === 0, message: failures.join("; ") || "ok" };
}
function slack(...xs) {
  return 8 * Number.EPSILON * Math.max(1, ...xs.map(Math.abs));
}
function evaluateReference(metric, tol, doc, ref) {
  const rule = describeReference(tol);
  const n = numericMetric(doc, metric);
  const value = "value" in n ? n.value : void 0;
  const fail = (message) => ({
    metric,
    ...value === void 0 ? {} : { value },
    rule,
    ok: false,
    message
  });
  if (!ref?.doc) return fail(ref?.error ?? "no reference file is configured (metrics.reference)");
  const r = numericMetric(ref.doc, metric, `the reference file ${ref.file}`);
  if (!("value" in r)) return fail(r.message);
  if (value === void 0) return fail(n.message);
  const delta = value - r.value;
  const allowed = tol.atol + tol.rtol * Math.abs(r.value);
  const against = { kind: "reference", value: r.value, delta };
  if (Math.abs(delta) <= allowed + slack(value, r.value))
    return { metric, value, rule, ok: true, message: "ok", against };
  const zeroNote = r.value === 0 && tol.rtol > 0 && tol.atol === 0 ? "; rtol allows nothing around a reference of 0: set atol" : "";
  return {
    metric,
    value,
    rule,
    ok: false,
    message: `|${value} - ${r.value}| = ${round(Math.abs(delta))} exceeds the tolerance ${round(allowed)} (atol ${tol.atol} + rtol ${tol.rtol} \xD7 |${r.value}|)${zeroNote}`,
    against
  };
}
function evaluateBase(metric, spec, doc, base) {
  const rule = describeBase(spec);
  const n = numericMetric(doc, metric);
  if (!("value" in n)) return { metric, rule, ok: false, message: n.message };
  const value = n.value;
  if (!base || !base.found)
    return {
      metric,
      value,
      rule,
      ok: true,
      skipped: true,
      message: `no baseline: ${base?.reason ?? "no baseline store on this run"}`
    };
  const old = base.metrics[metric];
  if (old === void 0 || !Number.isFinite(old))
    return {
      metric,
      value,
      rule,
      ok: true,
      skipped: true,
      message: `no baseline: "${metric}" is not in the metrics of ${base.label}`
    };
  const delta = value - old;
  const worse = spec.direction === "higher" ? -delta : delta;
  const against = { kind: "base", value: old, delta };
  if (worse <= spec.allowedDrop + slack(value, old)) return { metric, value, rule, ok: true, message: "ok", against };
  return {
    metric,
    value,
    rule,
    ok: false,
    message: `${value} is ${round(worse)} ${spec.direction === "higher" ? "below" : "above"} the base ${old} (${base.label}), more than the allowed drop ${spec.allowedDrop}`,
    against
  };
}
function round(n) {
  return Number(n.toPrecision(6));
}

// src/checks/repeat.ts
function stats(values) {
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return { mean: min, std: 0, min, max, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, min, max, n };
}
function leaves(doc, prefix = "") {
  const out = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) Object.assign(out, leaves(v, key));
    else out[key] = v;
  }
  return out;
}
var finite = (v) => typeof v === "number" && Number.isFinite(v);
function summarizeRuns(docs) {
  const flat = docs.map((d) => leaves(d));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const out = {};
  const mean = {};
  for (const k of keys) {
    const values = flat.map((f) => f[k]);
    if (values.every(finite)) {
      out[k] = stats(values);
      mean[k] = out[k].mean;
    } else {
      const odd = values.find((v) => !finite(v));
      if (odd !== void 0) mean[k] = odd;
    }
  }
  return { stats: out, mean };
}
function evaluateEachRun(rules, docs, inputs = {}) {
  const perRun = docs.map((d) => evaluateRules(rules, d, inputs));
  return perRun[0].map((first, i) => {
    const runs = perRun.map((r) => r[i]);
    const values = runs.map((r) => r.value);
    const value = values.every((v) => v !== void 0) ? stats(values).mean : void 0;
    const failed = runs.map((r, k) => [r, k + 1]).filter(([r]) => !r.ok);
    const against = runs.find((r) => r.against)?.against;
    const combined = {
      metric: first.metric,
      ...value === void 0 ? {} : { value },
      rule: `${first.rule}, each run`,
      ok: failed.length === 0,
      message: failed.length === 0 ? first.skipped ? first.message : `ok in all ${runs.length} runs` : failed.map(([r, k]) => `run ${k}: ${r.message}`).join("; ")
    };
    if (against && value !== void 0) combined.against = { ...against, delta: value - against.value };
    if (runs.every((r) => r.skipped)) combined.skipped = true;
    return combined;
  });
}
function compareOutputs(runs) {
  const paths = [...new Set(runs.flatMap((r) => Object.keys(r)))].sort();
  const differing = paths.filter((p) => runs.some((r) => r[p] !== runs[0][p]));
  return { identical: differing.length === 0, differing };
}
function seedFor(stepValue, index) {
  const base = stepValue !== void 0 && /^-?\d+$/.test(stepValue.trim()) ? Number(stepValue) : 0;
  return String(base + index);
}
function repeatedStep(step, repeat, index) {
  const env = repeat.seedEnv ? { ...step.env, [repeat.seedEnv]: seedFor(step.env[repeat.seedEnv], index) } : step.env;
  return { ...step, name: index === 0 ? step.name : `${step.name}-run${index + 1}`, env };
}

// src/record/companion.ts
import { gzipSync } from "node:zlib";

// src/publish/registry-api.ts
import { createHash as createHash2 } from "node:crypto";
import { Readable } from "node:stream";
var sha256 = (data) => `sha256:${createHash2("sha256").update(data).digest("hex")}`;
function plainHttp(registry) {
  const host = registry.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
function parseChallenge(header2) {
  const m = /^(\w+)\s*(.*)$/s.exec(header2.trim());
  const params = {};
  for (const p of (m?.[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)) params[p[1]] = p[2];
  return { scheme: (m?.[1] ?? "").toLowerCase(), params };
}
var RegistryError = class extends Error {
};
function apiTarget(repository, registry) {
  const rest = repository.startsWith(`${registry}/`) ? repository.slice(registry.length + 1) : repository;
  if (registry !== "docker.io") return { host: registry, path: rest };
  return { host: "registry-1.docker.io", path: rest.includes("/") ? rest : `library/${rest}` };
}
var RegistryClient = class {
  constructor(registry, repository, credentials, timeoutMs = 3e4) {
    this.registry = registry;
    this.repository = repository;
    this.credentials = credentials;
    this.base = `${plainHttp(registry) ? "http" : "https"}://${registry}/v2/${repository}`;
    this.http = new HttpClient("repro-ci", [], { allowRedirects: true, socketTimeout: timeoutMs, keepAlive: true });
  }
  registry;
  repository;
  credentials;
  /** The Authorization a 401 led to, asked once for the client: requests sent after it wait for it. */
  authorizing;
  base;
  http;
  /** Lets go of the kept-alive connections (they would hold a process that ends on its own open). */
  close() {
    this.http.dispose();
  }
  /**
   * An image from memory: its blobs side by side, then its manifest under `tag`; returns the manifest's
   * digest. A round trip to a distant registry costs more than these few bytes: no HEAD first (a record's
   * blobs are new on every run; a registry that has one takes it again), one login for all.
   */
  async pushImage(tag, blobs, manifest, mediaType) {
    await Promise.all(blobs.map((b) => this.pushBlob(b)));
    return this.putManifest(tag, manifest, mediaType);
  }
  /** Uploads a blob monolithically: one POST for an upload URL, one PUT of the bytes under their digest. */
  async pushBlob(data, digest = sha256(data)) {
    const start = await this.request("POST", `${this.base}/blobs/uploads/`);
    if (start.status !== 202) throw this.failure("start a blob upload", start);
    const location = start.header("location");
    if (!location) throw new RegistryError(`${this.registry} started an upload without a Location header`);
    const url = new URL(location, `${this.base}/`);
    url.searchParams.set("digest", digest);
    const put = await this.request("PUT", url.toString(), data, { "content-type": "application/octet-stream" });
    if (put.status !== 201) throw this.failure(`upload blob ${digest}`, put);
  }
  /** Puts a manifest under a tag; returns its digest (as the registry names it, else computed). */
  async putManifest(tag, manifest, mediaType) {
    const res = await this.request("PUT", `${this.base}/manifests/${tag}`, Buffer.from(manifest), {
      "content-type": mediaType
    });
    if (res.status !== 201) throw this.failure(`put the manifest ${tag}`, res);
    return res.header("docker-content-digest") ?? sha256(manifest);
  }
  failure(what, res) {
    const body = res.body.trim().slice(0, 300);
    return new RegistryError(`${this.registry} refused to ${what}: HTTP ${res.status}${body ? ` ${body}` : ""}`);
  }
  /**
   * One request, authenticating on a 401 as the challenge asks: once for the client, however many
   * requests met the challenge side by side (each is sent again with the answer).
   */
  async request(method, url, body, headers = {}) {
    const send = (authorization2) => this.send(method, url, body, { ...headers, ...authorization2 ? { authorization: authorization2 } : {} });
    const sentWith = await this.authorizing;
    const res = await send(sentWith);
    if (res.status !== 401 || sentWith) return res;
    this.authorizing ??= this.authorize(res.header("www-authenticate") ?? "");
    const authorization = await this.authorizing;
    return authorization ? send(authorization) : res;
  }
  /** One exchange; a body goes with its length (a registry may refuse a chunked upload). */
  async send(method, url, body, headers) {
    const res = await this.http.request(
      method,
      url,
      body ? Readable.from([body]) : null,
      body ? { ...headers, "content-length": String(body.length) } : headers
    );
    return {
      status: res.message.statusCode ?? 0,
      header: (name) => [res.message.headers[name.toLowerCase()]].flat()[0],
      body: await res.readBody()
    };
  }
  async authorize(header2) {
    const { scheme, params } = parseChallenge(header2);
    const basic = this.credentials ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}` : void 0;
    if (scheme === "basic") return basic;
    if (scheme !== "bearer" || !params.realm) return void 0;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set("service", params.service);
    url.searchParams.set("scope", `repository:${this.repository}:pull,push`);
    const res = await this.send("GET", url.toString(), void 0, basic ? { authorization: basic } : {});
    if (res.status !== 200) throw this.failure("give a token", res);
    const json = JSON.parse(res.body);
    const token = json.token ?? json.access_token;
    return token ? `Bearer ${token}` : void 0;
  }
};

// src/util/tar.ts
function header(name, size, mtime) {
  const h = Buffer.alloc(512, 0);
  const put = (text, offset, length) => h.write(text, offset, length, "ascii");
  const octal2 = (n, length) => n.toString(8).padStart(length - 1, "0") + "\0";
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name "${name}" is longer than 100 bytes`);
  h.write(name, 0, 100, "utf8");
  put(octal2(420, 8), 100, 8);
  put(octal2(0, 8), 108, 8);
  put(octal2(0, 8), 116, 8);
  put(octal2(size, 12), 124, 12);
  put(octal2(mtime, 12), 136, 12);
  put("        ", 148, 8);
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(octal2(sum, 7) + " ", 148, 8);
  return h;
}
function singleFileTar(name, content, mtime = 0) {
  const pad = (512 - content.length % 512) % 512;
  return Buffer.concat([header(name, content.length, mtime), content, Buffer.alloc(pad), Buffer.alloc(1024)]);
}

// src/record/companion.ts
var COMPANION_SUFFIX = ".repro";
var RECORD_PATH_IN_IMAGE = "/repro-record.json";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
function companionTag(digest) {
  if (!DIGEST.test(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256: and 64 hex digits).`);
  return `sha256-${digest.slice("sha256:".length)}${COMPANION_SUFFIX}`;
}
function companionRef(repository, digest) {
  return `${repository}:${companionTag(digest)}`;
}
function parseImageRef(ref) {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : void 0;
  const name = at >= 0 ? ref.slice(0, at) : ref;
  if (digest !== void 0 && !DIGEST.test(digest))
    throw new Error(`"${ref}": the part after @ must be sha256: and 64 hex digits.`);
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : void 0;
  const repository = tag === void 0 ? name : name.slice(0, colon);
  if (!/^[a-z0-9][a-z0-9._:/-]*$/.test(repository) || tag !== void 0 && !/^[\w][\w.-]{0,127}$/.test(tag))
    throw new Error(
      `"${ref}" is not an image reference such as ghcr.io/owner/project:tag or ghcr.io/owner/project@sha256:...`
    );
  return { repository, ...tag ? { tag } : {}, ...digest ? { digest } : {} };
}
function digestFor(repository, repoDigests) {
  const norm = (r) => r.replace(/^docker\.io\/(library\/)?/, "");
  return repoDigests.map((d) => d.split("@")).find(([repo]) => norm(repo) === norm(repository))?.[1];
}
var MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
function companionImage(recordJson, labels, created) {
  const tar = singleFileTar(RECORD_PATH_IN_IMAGE.replace(/^\//, ""), recordJson, Math.floor(created.getTime() / 1e3));
  const layer = gzipSync(tar, { level: 6 });
  const config = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      created: created.toISOString(),
      config: { Labels: labels },
      rootfs: { type: "layers", diff_ids: [sha256(tar)] },
      history: [{ created: created.toISOString(), created_by: "repro-ci: reproduction record" }]
    })
  );
  const descriptor = (mediaType, data) => ({
    mediaType,
    digest: sha256(data),
    size: data.length
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: descriptor("application/vnd.docker.container.image.v1+json", config),
    layers: [descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", layer)]
  });
  return { tar, layer, config, manifest };
}

// src/record/fetch.ts
import { mkdtempSync, readFileSync as readFileSync2, rmSync } from "node:fs";
import os3 from "node:os";
import path3 from "node:path";

// src/record/record.ts
var RECORD_SCHEMA_VERSION = 1;
var RECORD_FILE = "record.json";
function parseRecord(text, where) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not JSON: ${e.message}`, { cause: e });
  }
  const r = doc;
  if (!r || typeof r !== "object" || typeof r.schemaVersion !== "number")
    throw new Error(`${where} is not a repro-ci record (no schemaVersion).`);
  if (r.schemaVersion > RECORD_SCHEMA_VERSION)
    throw new Error(
      `${where} has schemaVersion ${r.schemaVersion}; this repro-ci (${VERSION2}) reads up to ${RECORD_SCHEMA_VERSION}. Use a newer repro-ci.`
    );
  for (const k of ["images", "steps", "rules", "verdicts"])
    if (!Array.isArray(r[k])) throw new Error(`${where}: \`${k}\` is missing or not a list.`);
  if (!r.metrics || typeof r.metrics.values !== "object") throw new Error(`${where}: \`metrics.values\` is missing.`);
  return r;
}

// src/record/fetch.ts
async function fetchRecord(docker, repository, digest, runId) {
  const ref = companionRef(repository, digest);
  try {
    await docker.pull(ref);
  } catch (e) {
    throw new ReproError(
      `no reproduction record found for ${repository}@${digest}: ${ref} could not be pulled (${errorMessage(e).replace(/\.$/, "")}).`,
      {
        fix: "records are pushed by `repro-ci run --push` (and the action) after the checks pass; push the image with repro-ci, or verify from an archive with --record."
      }
    );
  }
  const dir = mkdtempSync(path3.join(os3.tmpdir(), "repro-ci-verify-record-"));
  try {
    await docker.copyFromImage(ref, RECORD_PATH_IN_IMAGE, path3.join(dir, "record.json"), `repro-ci-${runId}-record`);
    return { record: parseRecord(readFileSync2(path3.join(dir, "record.json"), "utf8"), ref), ref };
  } catch (e) {
    throw e instanceof ReproError ? e : new ReproError(errorMessage(e), {
      fix: "the companion does not hold a readable record: publish it again with `repro-ci run --push`."
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await docker.removeImages([ref]);
  }
}

// src/publish/promote.ts
function commitTag(ctx) {
  return `sha-${builtCommit(ctx).slice(0, SHORT_SHA_LENGTH)}`;
}
function whyNotPromote(ctx, pushImage) {
  if (!pushImage) return "no image repository is configured";
  if (tagOf(ctx.ref) === void 0) return "only git tags and releases promote";
  if (ctx.dirty) return "the checkout differs from its commit";
  if (ctx.untrusted || ctx.isFork) return "the code is untrusted";
  if (!builtCommit(ctx)) return "there is no commit";
  return void 0;
}
function recordRefuses(record, commit) {
  if (record.source.sha !== commit)
    return `its record names commit ${record.source.sha.slice(0, 12) || "(none)"}, not ${commit.slice(0, 12)}`;
  if (record.source.dirty) return "its record says the checkout was dirty";
  if (!record.passed) return "its record says the run did not pass";
  return void 0;
}
async function findPassingImages(req) {
  const commit = builtCommit(req.context);
  const tag = commitTag(req.context);
  const images = [];
  const digests = {};
  let record;
  for (const key of req.keys) {
    const repository = repositoryFor(req.repository, key, req.keys.length);
    const ref = `${repository}:${tag}`;
    try {
      await req.docker.pull(ref);
    } catch (e) {
      return { why: `${ref} could not be pulled (${errorMessage(e).split("\n")[0].replace(/\.$/, "")})` };
    }
    const found = await req.docker.imageInspect(ref);
    const digest = found && digestFor(repository, found.repoDigests);
    if (!found || !digest) return { why: `${ref} has no registry digest in this engine` };
    let fetched;
    try {
      fetched = (await fetchRecord(req.docker, repository, digest, req.context.runId)).record;
    } catch (e) {
      return { why: `${ref} has no readable record (${errorMessage(e).split("\n")[0]})` };
    }
    const refused = recordRefuses(fetched, commit);
    if (refused) return { why: `${ref}: ${refused}` };
    images.push({ key, id: found.id, localTag: ref });
    digests[key] = digest;
    record ??= fetched;
  }
  return { images, digests, record };
}

// src/publish/retry.ts
var DEFAULT_RETRY_BASE_MS = 1e3;
function backoffDelays(retries, baseDelayMs = DEFAULT_RETRY_BASE_MS) {
  return Array.from({ length: retries }, (_, i) => baseDelayMs * 2 ** i);
}
async function withRetries(what, fn, isTransient, opts) {
  const delays = backoffDelays(opts.retries, opts.baseDelayMs);
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const attempts = delays.length + 1;
  const now = opts.now ?? Date.now;
  const started = now();
  for (let attempt2 = 1; ; attempt2++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e)) throw e;
      const spent = opts.budgetMs !== void 0 && now() - started + (delays[attempt2 - 1] ?? 0) > opts.budgetMs;
      if (spent && attempt2 < attempts) {
        const err = e instanceof ReproError ? e : new ReproError(String(e?.message ?? e));
        throw new ReproError(
          `${what} failed ${attempt2} time(s), and another try would pass its time budget of ${Math.round(opts.budgetMs / 1e3)} s; the last attempt: ${err.message}`,
          { fix: err.fix, cause: e }
        );
      }
      if (attempt2 >= attempts) {
        const err = e instanceof ReproError ? e : new ReproError(String(e?.message ?? e));
        if (attempts === 1) throw err;
        throw new ReproError(
          `${what} failed ${attempts} times (retried with backoff); the last attempt: ${err.message}`,
          { fix: err.fix, cause: e }
        );
      }
      const delayMs = delays[attempt2 - 1];
      opts.onRetry?.({ attempt: attempt2, attempts, delayMs, error: e });
      await sleep(delayMs);
    }
  }
}

// src/publish/policy.ts
var PUBLISHING_RELEASE_ACTIONS = ["published"];
function decidePush(when, ctx, checksPassed, image) {
  if (when === "never") return { push: false, reason: "push is set to never" };
  if (!image)
    return { push: false, reason: "no image to push to (set `push.image` in repro.yml or the `image` input)" };
  if (!checksPassed) return { push: false, reason: "a step or check failed, and only images that passed are pushed" };
  if (ctx.isFork) return { push: false, reason: "this run comes from a fork, and images are never pushed from forks" };
  if (ctx.untrusted)
    return { push: false, reason: `the code is untrusted (${ctx.untrusted}), and untrusted code is never pushed` };
  const ev = ctx.eventName;
  if (ev === "local") return decideLocalPush(ctx);
  if (when === "always") return { push: true, reason: "push is set to always" };
  if (ev === "pull_request" || ev === "pull_request_target")
    return { push: false, reason: "pull requests do not push with push: auto" };
  const tag = tagOf(ctx.ref);
  if (ev === "release") {
    if (ctx.action !== void 0 && !PUBLISHING_RELEASE_ACTIONS.includes(ctx.action))
      return { push: false, reason: `release events push when published, and this one is "${ctx.action}"` };
    return { push: true, reason: `release ${tag ?? ctx.ref} published, with push: auto` };
  }
  if (!["push", "workflow_dispatch", "schedule"].includes(ev))
    return { push: false, reason: `${ev} events do not push with push: auto` };
  if (tag !== void 0) return { push: true, reason: `${ev} of tag ${tag}, with push: auto` };
  const branch = branchOf(ctx.ref);
  if (branch === void 0)
    return {
      push: false,
      reason: `${ctx.ref || "no ref"} is neither a branch nor a tag, and push: auto pushes only those`
    };
  if (ctx.defaultBranch === void 0)
    return {
      push: true,
      reason: `${ev} to branch ${branch} with push: auto (the event gives no default branch to compare with)`
    };
  if (branch !== ctx.defaultBranch)
    return {
      push: false,
      reason: `branch ${branch} is not the default branch ${ctx.defaultBranch}, and push: auto pushes only the default branch, tags and releases`
    };
  return { push: true, reason: `${ev} to the default branch ${branch}, with push: auto` };
}
function decideLocalPush(ctx) {
  if (!ctx.localPush)
    return { push: false, reason: "local runs push only with --push (what CI would push) or --push-any-branch" };
  if (ctx.localPush === "any-branch")
    return {
      push: true,
      reason: `--push-any-branch: pushing ${describeRef(ctx.ref)} as asked (CI would push only the default branch and tags)`
    };
  if (!ctx.sha && !ctx.ref)
    return { push: true, reason: "--push outside git: no branch or tag rules to follow, pushed as asked" };
  const tag = tagOf(ctx.ref);
  if (tag !== void 0) return { push: true, reason: `--push at tag ${tag}: the tag rules apply as on a tag push` };
  const branch = branchOf(ctx.ref);
  const anyway = "pass --push-any-branch to push it anyway";
  if (branch === void 0)
    return {
      push: false,
      reason: `--push pushes the default branch and tags, as CI does, and the checkout is on neither (${ctx.ref || "a detached HEAD"}); ${anyway}`
    };
  if (ctx.defaultBranch === void 0)
    return {
      push: false,
      reason: `--push pushes the default branch and tags, as CI does, and this clone does not say which branch is the default (no origin/HEAD: \`git remote set-head origin --auto\` sets it); ${anyway}`
    };
  if (branch !== ctx.defaultBranch)
    return {
      push: false,
      reason: `--push pushes the default branch ${ctx.defaultBranch} and tags, as CI does, and this is branch ${branch}; ${anyway}`
    };
  return { push: true, reason: `--push on the default branch ${branch}: the tag rules apply as on a push to it` };
}
function describeRef(ref) {
  const tag = tagOf(ref);
  const branch = branchOf(ref);
  return tag !== void 0 ? `tag ${tag}` : branch !== void 0 ? `branch ${branch}` : ref || "a detached HEAD";
}

// src/publish/publish.ts
var DEFAULT_PUBLISH = resolvePublish(parsePushSettings(void 0, () => void 0));
function planPublish(ctx, publish = DEFAULT_PUBLISH, now = /* @__PURE__ */ new Date()) {
  const user = renderLabels(ctx, publish.labels, now);
  const notes = renderLabels(ctx, publish.annotations, now);
  const warnings = [...publish.warnings, ...user.warnings, ...notes.warnings];
  const plan = (tags, version, more = []) => ({
    tags,
    version,
    labels: ociLabels(ctx, version, user.labels),
    annotations: ociLabels(ctx, version, notes.labels),
    warnings: [...warnings, ...more]
  });
  if (ctx.dirty) return plan(publish.dirty === "tag" ? [dirtyTag(ctx)] : [], void 0);
  const t = planTags(ctx, publish.tags, publish.flavor, now);
  if (t.tags.length === 0 && publish.tags === DEFAULT_TAG_SPECS && !ctx.sha && !ctx.ref) {
    return plan(["latest"], void 0, [
      ...t.warnings,
      "no git commit or ref to tag from: the image is tagged latest."
    ]);
  }
  return plan(t.tags, t.version, t.warnings);
}
function renderLabels(ctx, labels, now) {
  const vars = globalVars(ctx, now);
  const warnings = [];
  const out = {};
  for (const [key, value] of Object.entries(labels)) {
    warnings.push(...unquotedWarnings(`label ${key}`, value));
    if (templateNames(value).includes("date"))
      warnings.push(
        `label ${key} uses {{date}}, the time of the build: each build of the same commit gets a new image id (use {{commit_date}}).`
      );
    out[key] = renderTemplate(value, vars);
  }
  return { labels: out, warnings };
}
function decidePublish(when, ctx, checksPassed, image, tags) {
  const d = decidePush(when, ctx, checksPassed, image);
  if (d.push && ctx.dirty && tags.length === 0)
    return {
      push: false,
      reason: `${dirtyWords(ctx)}: uncommitted edits are never pushed under the commit's tags (\`push.dirty: tag\` in repro.yml pushes them as ${dirtyTag(ctx)} only)`
    };
  if (d.push && ctx.dirty)
    return {
      push: true,
      reason: `${d.reason}; ${dirtyWords(ctx)}, so only as ${tags.join(", ")} (\`push.dirty: tag\`)`
    };
  if (d.push && tags.length === 0)
    return {
      push: false,
      reason: "no tag rule gives a tag for this run (add one that applies, e.g. `type=sha` or `type=raw,value=stable`, to push.tags or the `tags` input)"
    };
  return d;
}
function dirtyWords(ctx) {
  const paths = ctx.dirty?.paths ?? [];
  const list = paths.length > 5 ? `${paths.slice(0, 5).join(", ")}, \u2026` : paths.join(", ");
  return `the checkout differs from commit ${ctx.sha.slice(0, 7) || "(none)"} in ${paths.length} tracked file(s) (${list})`;
}
async function loggedIn(docker, log, login) {
  if (!login) return docker;
  const pusher = docker.withEnv({ DOCKER_CONFIG: login.dockerConfig });
  for (const a of login.accounts) {
    await pusher.login(a.registry, a.username, a.password);
    log.info(`logged in to ${a.registry} as ${a.username} (credentials kept in a temporary DOCKER_CONFIG)`);
  }
  return pusher;
}
async function pushImages(docker, log, images, req) {
  const pusher = await loggedIn(docker, log, req.login);
  const budgetMs = req.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_S * 1e3;
  const targets = req.repositories.flatMap(
    (repo) => images.map((img) => ({ img, repository: repositoryFor(repo, img.key, req.imageCount) }))
  );
  const results = await Promise.allSettled(
    targets.map(async ({ img, repository }) => {
      const pushOne = async (tag) => {
        const ref = `${repository}:${tag}`;
        await pusher.tag(img.id, ref);
        const started = Date.now();
        const attempt2 = () => pusher.push(ref, Math.max(1e3, budgetMs - (Date.now() - started)));
        const digest2 = await withRetries(`docker push ${ref}`, attempt2, (e) => e instanceof PushError && e.transient, {
          retries: req.retries,
          baseDelayMs: req.retryBaseMs,
          budgetMs,
          sleep: req.sleep,
          onRetry: ({ attempt: attempt3, attempts, delayMs, error }) => log.warning(
            `push of ${ref} failed (attempt ${attempt3} of ${attempts}): ${error.message.split("\n")[0]} Retrying in ${delayMs / 1e3}s.`
          )
        });
        log.info(`pushed ${ref} (${digest2})`);
        return digest2;
      };
      const [first, ...rest] = req.tags;
      const digest = await pushOne(first);
      const others = await Promise.allSettled(rest.map(pushOne));
      const done = rest.filter((_, i) => others[i].status === "fulfilled");
      const digests = others.flatMap((o) => o.status === "fulfilled" ? [o.value] : []);
      if (digests.some((d) => d !== digest))
        log.warning(
          `the tags of ${repository} got different digests (${[digest, ...digests].join(", ")}): the image changed during the push.`
        );
      const pushed2 = { key: img.key, repository, tags: [first, ...done], digest };
      const failedTag = others.find((o) => o.status === "rejected");
      if (failedTag) throw new PartialPush(failedTag.reason, [pushed2]);
      return pushed2;
    })
  );
  const pushed = results.flatMap(
    (r) => r.status === "fulfilled" ? [r.value] : r.reason instanceof PartialPush ? r.reason.pushed : []
  );
  const failed = results.find((r) => r.status === "rejected");
  warnDifferentDigests(log, pushed);
  if (failed)
    throw new PartialPush(failed.reason instanceof PartialPush ? failed.reason.failure : failed.reason, pushed);
  return pushed;
}
function warnDifferentDigests(log, pushed) {
  for (const key of new Set(pushed.map((p) => p.key))) {
    const of = pushed.filter((p) => p.key === key);
    if (new Set(of.map((p) => p.digest)).size > 1)
      log.warning(
        `image ${key} has different digests in its repositories (${of.map((p) => `${p.repository}@${p.digest}`).join(", ")}): the record names the first.`
      );
  }
}
var PartialPush = class extends ReproError {
  constructor(failure, pushed) {
    const e = failure instanceof ReproError ? failure : new ReproError(errorMessage(failure));
    const note = pushed.length ? `
  Already in the registry: ${pushed.map((p) => p.tags.map((t) => `${p.repository}:${t}`).join(", ")).join(", ")}.` : "";
    super(`${e.message}${note}`, { fix: e.fix, location: e.location, exitCode: e.exitCode, cause: failure });
    this.failure = failure;
    this.pushed = pushed;
    this.name = "PartialPush";
  }
  failure;
  pushed;
};

// src/util/probe.ts
import http from "node:http";
import https from "node:https";
function askOnce(url, q, timeoutMs) {
  const target = new URL(url);
  const agent = new HttpClient("repro-ci").getAgent(target.href);
  return new Promise((resolve) => {
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: q.method,
      headers: q.body === void 0 ? q.headers : { ...q.headers, "content-length": Buffer.byteLength(q.body) },
      agent
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(`it did not answer within ${timeoutMs / 1e3} s`);
    }, timeoutMs);
    const answer2 = (fault) => {
      clearTimeout(timer);
      resolve(fault);
    };
    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => answer2(status >= 500 ? `it answered HTTP ${status}` : void 0));
    });
    request.on("error", (e) => answer2(`it could not be reached (${e.code ?? e.message})`));
    request.end(q.body);
  });
}

// src/publish/registry-probe.ts
var REGISTRY_PROBE_MS = 1e4;
function apiHost(registry) {
  return registry === "docker.io" ? "registry-1.docker.io" : registry;
}
function isLoopback(registry) {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
}
async function probeRegistry(registry, timeoutMs = REGISTRY_PROBE_MS) {
  const host = apiHost(registry);
  if (isLoopback(host)) return askOnce(`http://${host}/v2/`, { method: "GET" }, timeoutMs);
  const tls = await askOnce(`https://${host}/v2/`, { method: "GET" }, timeoutMs);
  if (tls === void 0 || !/could not be reached \((EPROTO|ERR_SSL|ECONNRESET)/.test(tls)) return tls;
  return askOnce(`http://${host}/v2/`, { method: "GET" }, timeoutMs);
}
async function registryDown(image) {
  const registry = registryOf(image);
  const fault = await probeRegistry(registry);
  return fault && `the registry ${registry} ${fault.replace(/^it /, "")}`;
}

// src/report/text.ts
function textTable(head, rows) {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i] ?? ""].length)));
  const line = (r) => r.map((c, i) => (c ?? "").padEnd(widths[i] + (c ?? "").length - [...c ?? ""].length)).join("  ").trimEnd();
  return [line(head), widths.map((w) => "\u2500".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
function renderTextReport(result, opts = {}) {
  const sections = opts.sections ?? ["checks", "stages", "images"];
  const out = [];
  if (sections.includes("checks") && (result.checks.length > 0 || Object.keys(result.metrics ?? {}).length > 0)) {
    const t = checkRows(result);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes("checks") && result.repeat) {
    const t = repeatRows(result.repeat);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes("checks") && checkNotes(result).length > 0) out.push(checkNotes(result).join("\n"));
  if (sections.includes("stages") && result.stages.length > 0) {
    const t = stageRows(result);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes("images") && result.images.length > 0) {
    const t = imageRows(result);
    out.push(textTable(t.head, t.rows));
  }
  return out.join("\n\n");
}

// src/pipeline/lock.ts
import { closeSync, linkSync, openSync, readFileSync as readFileSync3, rmSync as rmSync2, unlinkSync, writeFileSync, writeSync } from "node:fs";
import path4 from "node:path";
var LOCK_FILE = "run.lock";
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
function lockResults(resultsDir, runId, note) {
  const file = path4.join(resultsDir, LOCK_FILE);
  const me = { pid: process.pid, runId, startedAt: (/* @__PURE__ */ new Date()).toISOString() };
  for (let attempt2 = 0; attempt2 < 3; attempt2++) {
    if (create(file, JSON.stringify(me) + "\n")) return { release: () => release(file, runId) };
    const seen = readHolder(file);
    if (seen === "gone") continue;
    const { holder, text } = seen;
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      throw new ReproError(
        `another repro-ci run (pid ${holder.pid}, run ${holder.runId}, started ${holder.startedAt}) is writing ${resultsDir}; two runs there at once would mix their logs, results and record.`,
        {
          fix: "wait for it to end, or give this checkout another results folder (`results:` in repro.yml) or another checkout."
        }
      );
    }
    if (readText(file) !== text) continue;
    note(
      `taking over ${file}: the run that held it (${holder ? `pid ${holder.pid}, run ${holder.runId}` : "unreadable"}) is gone.`
    );
    rmSync2(file, { force: true });
  }
  throw new ReproError(`could not take ${file}.`, { fix: "remove it if no repro-ci run is writing there." });
}
function create(file, text) {
  const draft = `${file}.${process.pid}.${Date.now()}`;
  try {
    writeFileSync(draft, text, { mode: 420, flag: "wx" });
    linkSync(draft, file);
    return true;
  } catch (e) {
    const code = e.code;
    if (code === "EEXIST") return false;
    if (!NO_HARD_LINKS.has(code ?? "")) throw e;
  } finally {
    rmSync2(draft, { force: true });
  }
  try {
    const fd = openSync(file, "wx", 420);
    writeSync(fd, text);
    closeSync(fd);
    return true;
  } catch (e) {
    if (e.code === "EEXIST") return false;
    throw e;
  }
}
var NO_HARD_LINKS = /* @__PURE__ */ new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);
function readText(file) {
  try {
    return readFileSync3(file, "utf8");
  } catch {
    return void 0;
  }
}
function readHolder(file) {
  for (let look = 0; ; look++) {
    const text = readText(file);
    if (text === void 0) return "gone";
    try {
      return { holder: JSON.parse(text), text };
    } catch {
      if (look === 20) return { text };
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}
function release(file, runId) {
  try {
    const holder = JSON.parse(readFileSync3(file, "utf8"));
    if (holder.runId === runId && holder.pid === process.pid) unlinkSync(file);
  } catch {
  }
}

// src/lint/stage.ts
import path7 from "node:path";

// src/lint/run.ts
import { existsSync as existsSync2, lstatSync as lstatSync2, readdirSync as readdirSync2, readFileSync as readFileSync4, statSync as statSync2 } from "node:fs";
import path6 from "node:path";

// src/lint/checks.ts
import path5 from "node:path/posix";

// src/lint/requirements.ts
function parseRequirements(text) {
  const out = { requirements: [], includes: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let logical = lines[i];
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, " ") + lines[++i];
    const body = logical.replace(/(^|\s)#.*$/, "").trim();
    if (body === "") continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(body);
    if (include) {
      out.includes.push({ path: include[1], line: start });
      continue;
    }
    if (body.startsWith("-") && !/^(-e|--editable)\b/.test(body)) continue;
    const hashed = /--hash[= ]\w+:[0-9a-f]+/i.test(body);
    const spec = body.replace(/\s--hash[= ]\S+/gi, "").replace(/^(-e|--editable)\s+/, "").trim();
    out.requirements.push({
      line: start,
      text: spec,
      name: requirementName(spec),
      pinned: hashed || isPinnedSpec(spec),
      hashed
    });
  }
  return out;
}
function requirementName(spec) {
  return /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1] ?? spec;
}
function isLocalPath(spec) {
  const s = spec.replace(/\[[^\]]*\]$/, "");
  return /^(\.{1,2}(\/|$)|\/|file:)/.test(s) || /\.(whl|tar\.gz|zip)$/.test(s) && !/:\/\//.test(s);
}
function isVersionedArchiveUrl(spec) {
  const url = /(?:^|@\s*)(https?:\/\/\S+)$/.exec(spec)?.[1];
  const file = url ? decodeURIComponent(url.split(/[?#]/)[0].split("/").pop() ?? "") : "";
  return /^[A-Za-z0-9._]+-\d[^-]*(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.test(file) || /^[A-Za-z0-9._-]+-\d[\w.+!]*\.(tar\.gz|zip)$/.test(file);
}
function isPinnedSpec(spec) {
  const s = spec.split(";")[0].trim();
  if (isLocalPath(s)) return true;
  const vcs = /(?:^|@\s*)(?:git|hg|svn|bzr)\+\S+@([0-9a-f]{40})\b/.exec(s);
  if (vcs) return true;
  if (/:\/\//.test(s)) return isVersionedArchiveUrl(s);
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*(===?)\s*([^\s,;*]+)\s*$/.exec(s);
  return m !== null;
}
function isPinnedCondaSpec(spec) {
  const s = spec.replace(/^[\w.-]+::/, "").trim();
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(==?)\s*([0-9][^\s*<>!,|=]*)(=\S+)?$/.exec(s);
  return m !== null && (m[1] === "==" || m[3] !== void 0 || m[2].split(".").length >= 3);
}
function parseCondaEnvironment(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  let inDeps = false;
  let depsIndent = -1;
  let pipIndent = -1;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, "");
    if (/^dependencies:\s*$/.test(line)) {
      inDeps = true;
      depsIndent = -1;
      return;
    }
    if (/^\S/.test(line)) {
      inDeps = false;
      return;
    }
    if (!inDeps) return;
    const item = /^(\s*)-\s*(.+?)\s*$/.exec(line);
    if (!item) return;
    const indent = item[1].length;
    if (depsIndent < 0) depsIndent = indent;
    if (indent <= depsIndent) pipIndent = -1;
    const value = item[2].replace(/^["']|["']$/g, "");
    if (indent === depsIndent && /^pip:\s*$/.test(value)) {
      pipIndent = indent;
      return;
    }
    const pip = pipIndent >= 0 && indent > pipIndent;
    out.push({ line: i + 1, spec: value, pip, pinned: pip ? isPinnedSpec(value) : isPinnedCondaSpec(value) });
  });
  return out;
}
function isExplicitCondaSpec(text) {
  return /^@EXPLICIT\s*$/m.test(text);
}

// src/lint/shell.ts
function shellCommands(line) {
  return shellWords(line).map(unwrap2).filter((c) => c.length > 0);
}
function shellWords(line) {
  const commands = [];
  let words = [];
  let word = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word += line.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        word += line[i];
      }
    } else if (c === "\\" && i + 1 < line.length) {
      if (line[i + 1] !== "\n") {
        word += line[i + 1];
        inWord = true;
      }
      i++;
    } else if (c === "#" && !inWord) {
      const nl = line.indexOf("\n", i);
      i = nl < 0 ? line.length : nl - 1;
    } else if (c === "&" || c === "|" || c === ";" || c === "\n" || c === "(" || c === ")") {
      endCommand();
      if ((c === "&" || c === "|") && line[i + 1] === c) i++;
    } else if (c === " " || c === "	" || c === "\r") {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}
function unwrap2(words) {
  let w = words;
  for (; ; ) {
    if (w.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1);
    else if (w[0] === "sudo" || w[0] === "time" || w[0] === "exec" || w[0] === "command") w = w.slice(1);
    else if (w[0] === "env") w = w.slice(1);
    else return w;
  }
}
function programName(word) {
  return word.slice(word.lastIndexOf("/") + 1);
}

// src/lint/checks.ts
var HEAVY_FOLDERS = [".git", "data", "models", "venv", ".venv", "wandb", "mlruns", "checkpoints"];
var LARGE_CONTEXT_BYTES = 500 * 1024 * 1024;
var SUPPRESS = /repro-ci:\s*ignore=([A-Z0-9, ]+)/i;
var SUPPRESS_FILE = /repro-ci:\s*ignore-file=([A-Z0-9, ]+)/i;
function ids(list) {
  return list.split(/[,\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
}
function lintDockerfile(input) {
  const df = parseDockerfile(input.dockerfile.text);
  const file = input.dockerfile.path;
  const raw = [];
  const add = (rule, line, message, opts = {}) => raw.push({
    finding: { rule, message, file: opts.file ?? file, line },
    anchor: opts.anchor ?? (opts.file ? void 0 : line),
    silenced: opts.silenced
  });
  for (const e of df.errors) add("RC001", e.line, `${e.message}.`);
  for (const d of df.directives) {
    if (d.name === "syntax")
      add(
        "RC103",
        d.line,
        `\`# syntax=${d.value}\` makes BuildKit pull the frontend image ${d.value} before it reads this file; offline, behind a mirror, or on BuildKit v0.8 (dockerd 20.10) the build fails with "failed to resolve source metadata for docker.io/${d.value.replace(/^docker\.io\//, "")}".`
      );
  }
  const globals = globalArgs(df, input.buildArgs);
  const scopes = instructionScopes(df, input.buildArgs);
  const redeclared = new Set(
    df.instructions.filter((i) => i.stage >= 0 && i.keyword === "ARG").flatMap((i) => keyValuePairs(i.body, "ARG").map(([n]) => n))
  );
  const stages = [];
  let stage;
  const finishStage = () => {
    if (stage) checkEntrypoints(stage, add);
  };
  for (const ins of df.instructions) {
    const kw = ins.keyword;
    if (kw === "ARG") {
      for (const [name, value] of keyValuePairs(ins.body, "ARG")) {
        if (ins.stage < 0 && !redeclared.has(name)) continue;
        checkSecret("ARG", name, value, ins.line, add);
      }
      continue;
    }
    if (kw === "FROM") {
      finishStage();
      const from = df.stages[ins.stage];
      const ref = expandKnown(from.from, globals);
      const base = stages.find((s) => s.name !== void 0 && s.name === ref?.toLowerCase());
      stage = {
        name: from.name,
        line: ins.line,
        env: new Map(base?.env ?? []),
        workdir: base?.workdir ?? "/",
        copies: [],
        copyAllReported: false,
        entrypoints: []
      };
      stages.push(stage);
      if (!base && ref !== void 0) checkFrom(ref, ins.line, input.digests ?? {}, add);
      continue;
    }
    if (!stage) continue;
    switch (kw) {
      case "ENV":
        for (const [name, value] of keyValuePairs(ins.body, "ENV")) {
          stage.env.set(name, value ?? "");
          checkSecret("ENV", name, value, ins.line, add);
        }
        break;
      case "WORKDIR":
        stage.workdir = path5.resolve(stage.workdir, expandVars(ins.body, Object.fromEntries(stage.env)));
        break;
      case "COPY":
      case "ADD": {
        const from = ins.flags.find((f) => f.name === "from")?.value;
        if (from !== void 0) {
          checkCopyFrom(from, ins, stages, add);
          break;
        }
        const words = ins.json ?? splitWords(ins.body);
        if (words.length < 2) break;
        checkCopySources(ins, words.slice(0, -1), input, add);
        const sources = words.slice(0, -1).map((s) => s.replace(/^\.\/+/, "") || ".");
        stage.copies.push({ sources, dest: words[words.length - 1], workdir: stage.workdir, line: ins.line });
        if (!stage.copyAll && sources.some((s) => s === "." || s === "*")) stage.copyAll = ins;
        break;
      }
      case "RUN":
        checkRun(ins, stage, input, add, scopes.get(ins));
        break;
      case "CMD":
      case "ENTRYPOINT":
        stage.entrypoints.push(ins);
        break;
    }
  }
  finishStage();
  checkContext(input, df.instructions[0]?.line ?? 1, add);
  const fileIgnores = new Set((input.ignore ?? []).map((s) => s.toUpperCase()));
  for (const c of df.comments) {
    const m = SUPPRESS_FILE.exec(c.text);
    if (m) for (const id of ids(m[1])) fileIgnores.add(id);
  }
  const suppressedAt = (anchor) => {
    const out = /* @__PURE__ */ new Set();
    if (anchor === void 0) return out;
    const start = df.instructions.find((i) => i.line <= anchor && anchor <= i.endLine)?.line ?? anchor;
    for (let l = start - 1; l >= 1; l--) {
      const c = df.comments.find((x) => x.line === l);
      if (!c) break;
      const m = SUPPRESS.exec(c.text);
      if (m) for (const id of ids(m[1])) out.add(id);
    }
    return out;
  };
  const findings = [];
  let suppressed = 0;
  for (const r of raw) {
    if (r.silenced || fileIgnores.has(r.finding.rule) || suppressedAt(r.anchor).has(r.finding.rule)) suppressed++;
    else findings.push(r.finding);
  }
  return { findings, suppressed };
}
function baseImages(text, buildArgs) {
  const df = parseDockerfile(text);
  const globals = globalArgs(df, buildArgs);
  const out = /* @__PURE__ */ new Set();
  for (const st of df.stages) {
    if (expandKnown(st.from, globals) === void 0) continue;
    const ref = baseImage(df, st, buildArgs);
    if (ref) out.add(ref);
  }
  return [...out];
}
function expandKnown(ref, vars) {
  for (const m of ref.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}?/g))
    if (vars[m[1]] === void 0 && !m[2]) return void 0;
  return expandVars(ref, vars);
}
function parseImageRef2(ref) {
  const [beforeDigest, digest] = ref.split("@", 2);
  const slash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.lastIndexOf(":");
  if (colon > slash) return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
  return { name: beforeDigest, digest };
}
function checkCopyFrom(from, ins, stages, add) {
  if (from.includes("$") || /^\d+$/.test(from) || stages.some((s) => s.name === from.toLowerCase())) return;
  if (parseImageRef2(from).digest) return;
  add(
    "RC104",
    ins.line,
    `\`${ins.keyword} --from=${from}\` copies from an image by its tag: the files change when the tag is pushed again.`
  );
}
var URL2 = /^[a-z][a-z0-9+.-]*:\/\//i;
var GLOB = /[*?[]/;
function checkCopySources(ins, sources, input, add) {
  if (ins.heredocs.length > 0) return;
  for (const src of sources) {
    if (URL2.test(src)) {
      if (ins.keyword === "ADD" && !src.startsWith("git@") && !ins.flags.some((f) => f.name === "checksum") && !/\.git(#|$)/.test(src)) {
        add(
          "RC204",
          ins.line,
          `\`ADD ${src}\` downloads whatever the server has at build time; give \`--checksum=sha256:...\`.`
        );
      }
      continue;
    }
    if (!input.contextHas || src.includes("$") || GLOB.test(src)) continue;
    const rel2 = path5.normalize(src.replace(/^\/+/, "")).replace(/\/$/, "") || ".";
    if (rel2 === "." || rel2.startsWith("..")) continue;
    if (!input.contextHas(rel2))
      add(
        "RC305",
        ins.line,
        `\`${ins.keyword} ${src}\`: ${input.contextPath(rel2)} is not in the build context (or .dockerignore excludes it): BuildKit fails with "${rel2}: not found".`
      );
  }
}
var LATEST_RELEASE = /https?:\/\/\S*(\/releases\/latest\b|\/latest\/download\/)\S*/;
var PIPE_TO_SHELL = /\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(ba|z|da|k)?sh\b|\b(ba)?sh\s+(-s\s+)?(-c\s+)?["']?(\$\(|<\()\s*(curl|wget)\b/;
function checkFetches(ins, text, commands, add) {
  const latest = LATEST_RELEASE.exec(text);
  if (latest)
    add(
      "RC204",
      ins.line,
      `${latest[0]} is the latest release at build time, not one version; name the release (\`releases/download/vX.Y.Z/...\`).`
    );
  if (PIPE_TO_SHELL.test(text))
    add(
      "RC205",
      ins.line,
      "a downloaded script is run straight from the network (`curl ... | sh`): nothing checks what it is."
    );
  const git = commands.filter((w) => programName(w[0] ?? "") === "git");
  const clones = git.filter((w) => w.includes("clone"));
  const pinned = git.some(
    (w) => (w.includes("checkout") || w.includes("reset") && w.includes("--hard")) && /^([0-9a-f]{7,40}|v?\d+(\.\d+)+)$/.test(w[w.length - 1])
  );
  for (const clone of clones) {
    const at = clone.findIndex((w) => w === "--branch" || w === "-b");
    const branch = at >= 0 ? clone[at + 1] : clone.find((w) => w.startsWith("--branch="))?.slice(9);
    if (pinned || branch && /^v?\d+(\.\d+)+/.test(branch)) continue;
    const url = clone.find((w) => URL2.test(w) || w.startsWith("git@")) ?? "the repository";
    add(
      "RC204",
      ins.line,
      `\`git clone\` of ${url} takes ${branch ? `branch ${branch}` : "its default branch"} as it is at build time; \`git checkout <commit>\` after it (or clone a version tag).`
    );
    break;
  }
}
function checkFrom(ref, line, digests, add) {
  if (ref === "" || ref.toLowerCase() === "scratch" || ref.includes("$")) return;
  const img = parseImageRef2(ref);
  if (img.digest) return;
  if (!img.tag || img.tag === "latest") {
    add(
      "RC101",
      line,
      img.tag ? `\`FROM ${ref}\` uses the \`latest\` tag.` : `\`FROM ${ref}\` has no tag, so it means \`${ref}:latest\`.`
    );
  }
  const known = digests[ref];
  add(
    "RC102",
    line,
    known ? `\`FROM ${ref}\` is not pinned by digest; the engine has it as ${img.name}@${known}: write \`FROM ${ref}@${known}\`.` : `\`FROM ${ref}\` is not pinned by digest, and this engine knows no registry digest for it (it was imported or built locally, or not pulled yet): pull it and run \`docker image inspect --format "{{index .RepoDigests 0}}" ${ref}\`.`
  );
}
var SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
var NOT_A_SECRET = /_(FILE|PATH|DIR|URL|ENDPOINT|HOST|NAME|ID)$/i;
var SECRET_VALUE = /\b(ghp_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|hf_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|xox[bpas]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})\b/;
function checkSecret(kind, name, value, line, add) {
  const byName = SECRET_NAME.test(name) && !NOT_A_SECRET.test(name) && (kind === "ARG" || (value ?? "") !== "");
  const byValue = value !== void 0 && SECRET_VALUE.test(value);
  if (!byName && !byValue) return;
  const why = byValue ? "its value looks like an access token" : "its name says it holds a secret";
  const where = kind === "ARG" ? "build args are recorded in the image history (`docker history`)" : "ENV values are stored in the image config";
  add("RC601", line, `${kind} ${name}: ${why}, and ${where}.`);
}
function checkEntrypoints(stage, add) {
  const unbuffered = (stage.env.get("PYTHONUNBUFFERED") ?? "") !== "";
  if (unbuffered) return;
  for (const ins of stage.entrypoints) {
    const words = ins.json ?? shellCommands(ins.body)[0] ?? [];
    if (!/^python(\d+(\.\d+)?)?$/.test(programName(words[0] ?? ""))) continue;
    const end = words.findIndex((w, i) => i > 0 && (!w.startsWith("-") || w === "-m" || w === "-c"));
    if (end < 0) continue;
    const opts = words.slice(1, end);
    if (opts.some((o) => /^-[a-zA-Z]*u[a-zA-Z]*$/.test(o))) continue;
    add(
      "RC501",
      ins.line,
      `${ins.keyword} runs ${words[0]} without \`-u\` and the image does not set PYTHONUNBUFFERED: its output is block-buffered in a container.`
    );
  }
}
var PIP_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--trusted-host",
  "--cache-dir",
  "--src",
  "--upgrade-strategy",
  "--progress-bar",
  "--log",
  "--timeout",
  "--retries",
  "--python",
  "-p",
  "--only-binary",
  "--no-binary",
  "--config-settings",
  "-C",
  "--global-option",
  "--index-strategy",
  "--extra",
  "--group"
]);
var CONDA_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-n",
  "--name",
  "-p",
  "--prefix",
  "-c",
  "--channel",
  "--override-channels",
  "--file",
  "-f",
  "--solver",
  "--repodata-fn"
]);
function installCommand(words) {
  const prog = programName(words[0] ?? "");
  let rest = words.slice(1);
  if (/^python(\d+(\.\d+)?)?$/.test(prog) && rest[0] === "-m") {
    return installCommand(rest.slice(1));
  }
  if (/^pip(\d+(\.\d+)?)?$/.test(prog) && rest[0] === "install")
    return { tool: "pip", words, sub: "install", args: rest.slice(1) };
  if (prog === "uv") {
    if (rest[0] === "pip" && (rest[1] === "install" || rest[1] === "sync"))
      return { tool: "pip", words, sub: rest[1], args: rest.slice(2) };
    if (rest[0] === "sync") return { tool: "uv-sync", words, sub: "sync", args: rest.slice(1) };
    return void 0;
  }
  if (prog === "poetry" && ["install", "lock", "update", "add"].includes(rest[0]))
    return { tool: "poetry", words, sub: rest[0], args: rest.slice(1) };
  if (prog === "pipenv" && rest[0] === "install") return { tool: "pipenv", words, sub: "install", args: rest.slice(1) };
  if (["conda", "mamba", "micromamba"].includes(prog)) {
    if (rest[0] === "env") rest = rest.slice(1).map((w, i) => i === 0 ? `env ${w}` : w);
    if (["install", "create", "update", "env create", "env update"].includes(rest[0]))
      return { tool: "conda", words, sub: rest[0], args: rest.slice(1) };
    return void 0;
  }
  if ((prog === "apt-get" || prog === "apt") && rest.includes("install"))
    return { tool: "apt", words, sub: "install", args: rest.filter((w) => w !== "install") };
  if (prog === "npm" && ["ci", "install", "i"].includes(rest[0]))
    return { tool: "npm", words, sub: rest[0], args: rest.slice(1) };
  return void 0;
}
function splitArgs(args, valueOptions) {
  const options = /* @__PURE__ */ new Map();
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("-") && a !== "-") {
      const eq = a.indexOf("=");
      const name = eq > 0 && a.startsWith("--") ? a.slice(0, eq) : a;
      let value = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : void 0;
      const takesValue = valueOptions.has(name) || ["-r", "--requirement", "-c", "--constraint", "-e", "--editable"].includes(name);
      if (value === void 0 && takesValue) value = args[++i];
      options.set(name, [...options.get(name) ?? [], value ?? ""]);
    } else positional.push(a);
  }
  return { options, positional };
}
var PIP_CACHE_TARGET = /(^|\/)\.cache(\/pip)?\/?$|\/pip-cache|\/pip\/?$/;
function checkRun(ins, stage, input, add, scope) {
  const text = ins.json ? ins.json.join(" ") : [ins.body, ...ins.heredocs.map((h) => h.content)].join("\n");
  const mounts = runMounts(ins, scope);
  for (const m of mounts) {
    if (m.error) add("RC001", ins.line, `\`${m.raw}\`: ${m.error}.`);
    else if (m.type === "cache" && m.unresolved) {
      const names = m.unresolved.map((n) => "$" + n).join(", ");
      add(
        "RC404",
        ins.line,
        `\`${m.raw}\` uses ${names}, which no ARG or ENV of this Dockerfile sets before line ${ins.line}: its cache id and options depend on the base image, and repro-ci does not keep this cache between runs.`
      );
    }
  }
  const cacheTargets = mounts.filter((m) => m.type === "cache").map((m) => m.target ?? "");
  const binds = mounts.filter((m) => m.type === "bind" && !m.from);
  const commands = shellCommands(text);
  checkFetches(ins, text, commands, add);
  let aptSeen = false;
  for (const words of commands) {
    const cmd = installCommand(words);
    if (!cmd) {
      if (programName(words[0] ?? "") === "apt-get" && words.includes("update")) aptSeen = true;
      continue;
    }
    const shown = words.join(" ");
    if (cmd.tool !== "apt" && !stage.copyAll) stage.depsFirst = true;
    if (cmd.tool !== "apt" && stage.copyAll && !stage.copyAllReported && !stage.depsFirst) {
      stage.copyAllReported = true;
      add(
        "RC301",
        stage.copyAll.line,
        `\`${stage.copyAll.keyword} ${stage.copyAll.body}\` (line ${stage.copyAll.line}) comes before the dependency install on line ${ins.line} (\`${shown}\`): any code change re-runs the install.`
      );
    }
    if (cmd.tool === "pip") {
      const { options, positional } = splitArgs(cmd.args, PIP_VALUE_OPTIONS);
      const noCache = options.has("--no-cache-dir") || options.has("--no-cache") || truthy(stage.env.get("PIP_NO_CACHE_DIR")) || truthy(stage.env.get("UV_NO_CACHE"));
      const pipCache = cacheTargets.find((t) => PIP_CACHE_TARGET.test(t) || /\/uv\/?$/.test(t));
      if (noCache && pipCache)
        add(
          "RC403",
          ins.line,
          `\`${shown}\` disables pip's cache while the RUN mounts a cache at ${pipCache}: the mount is never used.`
        );
      const files = cmd.sub === "sync" ? positional : [
        ...options.get("-r") ?? [],
        ...options.get("--requirement") ?? [],
        ...options.get("-c") ?? [],
        ...options.get("--constraint") ?? []
      ];
      const specs = cmd.sub === "sync" ? [] : [...positional, ...options.get("-e") ?? [], ...options.get("--editable") ?? []];
      const loose = options.has("--no-index") ? [] : specs.filter((s) => !s.includes("$") && !isPinnedSpec(s));
      if (loose.length > 0)
        add(
          "RC202",
          ins.line,
          `\`${shown}\` installs ${loose.map((s) => `\`${s}\``).join(", ")} without an exact version.`
        );
      for (const f of files) checkRequirementsFile(f, ins, stage, binds, input, add, /* @__PURE__ */ new Set());
    } else if (cmd.tool === "uv-sync") {
      if (!cmd.args.some((a) => a === "--locked" || a === "--frozen"))
        add(
          "RC203",
          ins.line,
          `\`${shown}\` may re-resolve and rewrite uv.lock; add \`--locked\` (fail when uv.lock is stale) or \`--frozen\`.`
        );
    } else if (cmd.tool === "poetry") {
      if (cmd.sub === "install" && !copiesFile(stage, binds, input, "poetry.lock"))
        add(
          "RC203",
          ins.line,
          `\`${shown}\` runs without poetry.lock in the image, so Poetry resolves versions again; copy poetry.lock next to pyproject.toml first.`
        );
      else if (cmd.sub !== "install")
        add(
          "RC203",
          ins.line,
          `\`${shown}\` resolves versions at build time; run it on your machine, commit poetry.lock and use \`poetry install\` in the image.`
        );
    } else if (cmd.tool === "pipenv") {
      if (!cmd.args.some((a) => a === "--deploy" || a === "--ignore-pipfile"))
        add(
          "RC203",
          ins.line,
          `\`${shown}\` may ignore Pipfile.lock; use \`pipenv install --deploy\` (or \`pipenv sync\`).`
        );
    } else if (cmd.tool === "conda") {
      checkConda(cmd, shown, ins, stage, binds, input, add);
    } else if (cmd.tool === "apt") {
      aptSeen = true;
      if (!cmd.args.includes("--no-install-recommends") && !cmd.args.some((a) => /Install-Recommends=(false|0|no)/i.test(a)))
        add("RC401", ins.line, `\`${shown}\` also installs recommended packages.`);
    }
  }
  if (aptSeen) {
    const cleaned = /rm\s+(-\w+\s+)*\/var\/lib\/apt\/lists/.test(text);
    const cached = cacheTargets.some((t) => /^\/var\/lib\/apt(\/lists)?\/?$/.test(t));
    if (!cleaned && !cached)
      add(
        "RC402",
        ins.line,
        "apt package lists stay in this layer: no `rm -rf /var/lib/apt/lists/*` and no cache mount at /var/lib/apt."
      );
  }
}
function truthy(v) {
  return v !== void 0 && v !== "" && !/^(0|false|no|off)$/i.test(v);
}
function checkConda(cmd, shown, ins, stage, binds, input, add) {
  const { options, positional } = splitArgs(cmd.args, CONDA_VALUE_OPTIONS);
  const envFiles = [...options.get("-f") ?? [], ...options.get("--file") ?? []];
  for (const f of envFiles) {
    if (/lock/i.test(path5.basename(f))) continue;
    const rel2 = contextSource(f, stage, binds);
    const text = rel2 === void 0 ? void 0 : input.readContext(rel2);
    if (text === void 0 || isExplicitCondaSpec(text)) continue;
    const loose2 = parseCondaEnvironment(text).filter((d) => !d.pinned);
    if (loose2.length > 0)
      add(
        "RC203",
        ins.line,
        `\`${shown}\` solves ${f} at build time and ${loose2.length} of its dependencies are not pinned (${loose2.slice(0, 5).map((d) => d.spec).join(
          ", "
        )}${loose2.length > 5 ? ", ..." : ""}); build from a lock (\`conda-lock\`, or \`conda list --explicit\` \u2192 \`conda create --file\`).`
      );
  }
  const loose = positional.filter((s) => !s.includes("$") && !isPinnedCondaSpec(s));
  if (loose.length > 0 && cmd.sub !== "env create" && cmd.sub !== "env update")
    add(
      "RC202",
      ins.line,
      `\`${shown}\` installs ${loose.map((s) => `\`${s}\``).join(", ")} without an exact version.`
    );
}
function contextSource(file, stage, binds) {
  const target = path5.resolve(stage.workdir, file);
  for (const b of binds) {
    const mountAt = path5.resolve(stage.workdir, b.target ?? "");
    const src = (b.source ?? ".").replace(/^\.\/+/, "") || ".";
    if (mountAt === target) return src;
    if (target.startsWith(`${mountAt}/`)) return path5.join(src, path5.relative(mountAt, target));
  }
  for (const c of [...stage.copies].reverse()) {
    const destAbs = path5.resolve(c.workdir, c.dest);
    const destIsDir = c.dest.endsWith("/") || c.sources.length > 1 || c.dest === ".";
    for (const src of c.sources) {
      const srcIsDir = src === "." || src.endsWith("/");
      if (srcIsDir) {
        if (target.startsWith(`${destAbs}/`)) return path5.join(src, path5.relative(destAbs, target));
        continue;
      }
      const landed = destIsDir ? path5.join(destAbs, path5.basename(src)) : destAbs;
      if (src.includes("*") || src.includes("?")) {
        const glob = new RegExp(
          `^${path5.basename(src).replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`
        );
        if (path5.dirname(target) === destAbs && glob.test(path5.basename(target)))
          return path5.join(path5.dirname(src), path5.basename(target));
      } else if (landed === target) return src;
    }
  }
  return void 0;
}
function copiesFile(stage, binds, input, name) {
  for (const c of stage.copies) {
    for (const src of c.sources) {
      if (path5.basename(src) === name) return true;
      if ((src === "." || src.endsWith("/")) && (input.contextHas === void 0 || input.readContext(path5.join(src, name)) !== void 0))
        return true;
      if (src.includes("*") && new RegExp(`^${path5.basename(src).replace(/\./g, "\\.").replace(/\*/g, ".*")}$`).test(name))
        return true;
    }
  }
  return binds.some(
    (b) => path5.basename(b.source ?? "") === name || (b.source ?? ".") === "." && input.readContext(name) !== void 0
  );
}
function checkRequirementsFile(file, ins, stage, binds, input, add, seen, rel2 = contextSource(file, stage, binds)) {
  if (rel2 === void 0 || seen.has(rel2)) return;
  seen.add(rel2);
  const text = input.readContext(rel2);
  if (text === void 0) return;
  const parsed2 = parseRequirements(text);
  const lines = text.split(/\r?\n/);
  const loose = parsed2.requirements.filter((r) => !r.pinned);
  for (const r of loose) {
    const ignored2 = SUPPRESS.exec(lines[r.line - 1] ?? "");
    add(
      "RC201",
      r.line,
      `\`${r.text}\` in ${input.contextPath(rel2)} (installed on ${input.dockerfile.path} line ${ins.line}) is not pinned to one version.`,
      {
        file: input.contextPath(rel2),
        anchor: ins.line,
        silenced: ignored2 !== null && ids(ignored2[1]).includes("RC201")
      }
    );
  }
  for (const inc of parsed2.includes)
    checkRequirementsFile(inc.path, ins, stage, binds, input, add, seen, path5.join(path5.dirname(rel2), inc.path));
}
function checkContext(input, firstLine, add) {
  for (const o of input.outputsSent ?? []) {
    add(
      "RC306",
      firstLine,
      `${o.path}/ is where step "${o.step}" writes, and it is in the build context: each run's image would hold the outputs of the run before it.`
    );
  }
  if (input.dockerignore === null) {
    add("RC302", firstLine, "the build context has no .dockerignore: every file in it is sent to the builder.");
  }
  const entries = input.context ?? [];
  const heavy = entries.filter((e) => !e.ignored && HEAVY_FOLDERS.includes(e.name));
  if (heavy.length > 0) {
    const list = heavy.map((e) => `${e.name}/ (${formatBytes(e.bytes)})`).join(", ");
    if (input.dockerignore)
      add("RC303", 1, `${input.dockerignore.path} does not exclude ${list}.`, {
        file: input.dockerignore.path,
        anchor: void 0
      });
    else add("RC303", firstLine, `the build context holds ${list}, and nothing excludes it.`);
  }
  const sent = entries.filter((e) => !e.ignored);
  const total = sent.reduce((n, e) => n + e.bytes, 0);
  if (total > LARGE_CONTEXT_BYTES) {
    const top = [...sent].sort((a, b) => b.bytes - a.bytes).slice(0, 3).map((e) => `${e.name}${e.dir ? "/" : ""} ${formatBytes(e.bytes)}`);
    add(
      "RC304",
      firstLine,
      `the build context is ${formatBytes(total)} after .dockerignore; largest: ${top.join(", ")}.`
    );
  }
}

// src/lint/dockerignore.ts
function parseDockerignore(text) {
  const out = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let p = raw.trim();
    if (p === "" || p.startsWith("#")) return;
    const negate = p.startsWith("!");
    if (negate) p = p.slice(1).trim();
    p = p.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
    if (p === "" || p === ".") return;
    out.push({ text: raw.trim(), line: i + 1, negate, regex: globRegex(p) });
  });
  return out;
}
function globRegex(p) {
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*" && p[i + 1] === "*") {
      if (p[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = p.indexOf("]", i);
      if (end < 0) re += "\\[";
      else {
        re += `[${p.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < p.length) re += `\\${p[++i]}`;
    else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function isIgnored(patterns, rel2) {
  const parts = rel2.split("/").filter(Boolean);
  let ignored2 = false;
  for (const pat of patterns) {
    let hit = false;
    for (let n = 1; n <= parts.length && !hit; n++) hit = pat.regex.test(parts.slice(0, n).join("/"));
    if (hit) ignored2 = !pat.negate;
  }
  return ignored2;
}

// src/lint/run.ts
var DOCKERFILE_NAME = /^(dockerfile|containerfile)(\.[^/]+)?$|\.(dockerfile|containerfile)$/i;
var NOT_SOURCE = /* @__PURE__ */ new Set([".git", "node_modules", ".repro-ci", ".venv", "venv", "__pycache__"]);
function dockerfilesAt(paths) {
  const out = [];
  const visit3 = (dir, depth) => {
    for (const e of readdirSync2(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path6.join(dir, e.name);
      if (e.isDirectory() && depth < 8 && !NOT_SOURCE.has(e.name)) visit3(abs, depth + 1);
      else if (e.isFile() && DOCKERFILE_NAME.test(e.name) && !/\.dockerignore$/i.test(e.name)) out.push(abs);
    }
  };
  for (const p of paths) {
    const abs = path6.resolve(p);
    if (!existsSync2(abs))
      throw new ReproError(`${p}: no such file or folder.`, {
        fix: "name Dockerfiles, or folders to search for them (Dockerfile, Dockerfile.*, *.dockerfile)."
      });
    if (!statSync2(abs).isDirectory()) {
      out.push(abs);
      continue;
    }
    const before = out.length;
    visit3(abs, 0);
    if (out.length === before)
      throw new ReproError(`${p}: no Dockerfile in this folder.`, {
        fix: "a folder is searched for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile; name the file itself if it is called otherwise."
      });
  }
  return out;
}
async function lintTargets(targets, opts) {
  const cwd = opts.cwd ?? process.cwd();
  const show = (abs) => path6.relative(cwd, abs).split(path6.sep).join("/") || ".";
  const report = { level: opts.level, files: [], findings: [], suppressed: 0 };
  const seen = /* @__PURE__ */ new Set();
  const texts = targets.map((t) => {
    if (!existsSync2(t.dockerfile))
      throw new ReproError(`Dockerfile ${show(t.dockerfile)} not found.`, {
        fix: "name an existing Dockerfile (relative to the current folder, or to repro.yml in a config)."
      });
    return readFileSync4(t.dockerfile, "utf8");
  });
  const lookups = /* @__PURE__ */ new Map();
  const basesOf = texts.map((text, i) => baseImages(text, targets[i].buildArgs ?? {}));
  if (opts.docker)
    for (const ref of basesOf.flat()) {
      if (lookups.has(ref)) continue;
      const lookup2 = knownDigest(opts.docker, ref);
      lookup2.catch(() => void 0);
      lookups.set(ref, lookup2);
    }
  for (const [i, t] of targets.entries()) {
    const text = texts[i];
    const {
      userFile: ignoreFile,
      userText: ignoreText,
      text: applied
    } = buildIgnore(t.dockerfile, t.context, t.exclude);
    const patterns = parseDockerignore(applied);
    const context = measureContext(t.context, patterns);
    const digests = {};
    for (const ref of basesOf[i]) if (lookups.has(ref)) digests[ref] = await lookups.get(ref);
    const outcome = lintDockerfile({
      dockerfile: { path: show(t.dockerfile), text },
      readContext: (rel2) => readContextFile(t.context, rel2, patterns),
      contextHas: (rel2) => contextHas(t.context, rel2, patterns),
      contextPath: (rel2) => show(path6.join(t.context, rel2)),
      buildArgs: t.buildArgs,
      dockerignore: ignoreFile ? { path: show(ignoreFile), text: ignoreText } : null,
      context,
      outputsSent: (t.outputs ?? []).filter((o) => !isIgnored(patterns, o.path)),
      digests,
      ignore: opts.ignore
    });
    const fresh = outcome.findings.filter((f) => {
      const key = `${f.rule}\0${f.file}\0${f.line}\0${f.file === show(t.dockerfile) ? "" : f.message.replace(/ \(installed on .*?\)/, "")}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    report.findings.push(...fresh);
    report.suppressed += outcome.suppressed;
    report.files.push({
      dockerfile: show(t.dockerfile),
      context: show(t.context),
      contextBytes: context.filter((e) => !e.ignored).reduce((n, e) => n + e.bytes, 0),
      contextFiles: context.filter((e) => !e.ignored).reduce((n, e) => n + e.files, 0),
      findings: fresh.length
    });
  }
  return report;
}
function insideContext(rel2) {
  const norm = path6.posix.normalize(rel2);
  return norm.startsWith("..") || path6.isAbsolute(norm) ? void 0 : norm;
}
function contextHas(context, rel2, patterns) {
  const norm = insideContext(rel2);
  if (norm === void 0 || !existsSync2(path6.join(context, norm))) return false;
  return !isIgnored(patterns, norm) || patterns.some((p) => p.negate && p.text.replace(/^!\s*\/?/, "").startsWith(`${norm}/`));
}
function readContextFile(context, rel2, patterns) {
  const norm = insideContext(rel2);
  if (norm === void 0 || isIgnored(patterns, norm)) return void 0;
  const abs = path6.join(context, norm);
  try {
    return statSync2(abs).isFile() ? readFileSync4(abs, "utf8") : void 0;
  } catch {
    return void 0;
  }
}
function measureContext(context, patterns) {
  let names;
  try {
    names = readdirSync2(context);
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const abs = path6.join(context, name);
    const st = lstatSync2(abs);
    const ignored2 = isIgnored(patterns, name);
    const entry = { name, dir: st.isDirectory(), bytes: 0, files: 0, ignored: ignored2 };
    if (!ignored2) walk(abs, name, patterns, entry);
    return entry;
  });
}
function walk(abs, rel2, patterns, into) {
  if (rel2 !== into.name && isIgnored(patterns, rel2)) return;
  const st = lstatSync2(abs);
  if (st.isDirectory()) {
    for (const name of readdirSync2(abs)) walk(path6.join(abs, name), `${rel2}/${name}`, patterns, into);
  } else {
    into.bytes += st.size;
    into.files += 1;
  }
}
async function knownDigest(docker, ref) {
  let info;
  try {
    info = await docker.imageInspect(ref);
  } catch {
    return void 0;
  }
  const want = normalizeName(parseImageRef2(ref).name);
  const match = info?.repoDigests.find((d) => normalizeName(d.split("@")[0]) === want);
  return match && await docker.servedByRegistry(match) ? match.split("@")[1] : void 0;
}
function normalizeName(name) {
  const n = name.replace(/^(docker\.io|index\.docker\.io)\//, "");
  return n.includes("/") ? n : `library/${n}`;
}

// src/lint/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var LINT_DOCS_URL = "https://github.com/repro-ci/repro-ci/blob/main/docs/lint.md";
function sarifLevel(rule, failOnFindings) {
  if (rule.severity === "note") return "note";
  if (rule.severity === "error") return "error";
  return failOnFindings ? "error" : "warning";
}
function toSarif(findings, opts) {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "repro-ci",
            informationUri: LINT_DOCS_URL,
            version: opts.version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.why} Fix: ${r.fix}` },
              help: {
                text: `${r.why}
Fix: ${r.fix}
Silence one finding with a comment line above the instruction: # repro-ci: ignore=${r.id}`
              },
              helpUri: `${LINT_DOCS_URL}#${r.id.toLowerCase()}`,
              defaultConfiguration: { level: sarifLevel(r, false) }
            }))
          }
        },
        results: findings.map((f) => {
          const rule = RULES[index.get(f.rule)];
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: sarifLevel(rule, opts.failOnFindings),
            message: { text: `${f.message} Fix: ${rule.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(f.file), uriBaseId: "%SRCROOT%" },
                  region: { startLine: f.line }
                }
              }
            ]
          };
        })
      }
    ]
  };
}
function toUri(file) {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

// src/lint/stage.ts
var SARIF_FILE = "lint.sarif";
function lintProject(config, docker, level) {
  return lintTargets(configTargets(config), { docker, level, ignore: config.lint.ignore });
}
function configTargets(config) {
  return config.images.map((i) => ({
    dockerfile: i.dockerfile,
    context: i.context,
    buildArgs: i.buildArgs,
    exclude: i.exclude,
    outputs: stepOutputsIn2(config.steps, i.context)
  }));
}
function stepOutputsIn2(steps, context) {
  return steps.flatMap(
    (s) => s.mounts.filter((m) => !m.readOnly).map((m) => ({ path: path7.relative(context, m.host).split(path7.sep).join("/"), step: s.name })).filter((o) => o.path !== "" && !o.path.startsWith("..") && !path7.isAbsolute(o.path))
  );
}
function reportLint(config, log, report) {
  const sarif = writeSarif(report, path7.join(config.results, SARIF_FILE));
  annotate(report, log);
  log.info([summaryLine(report), ...contextLines(report)].join("\n"));
  const blocking = report.findings.filter((f) => isBlocking(f, report)).length;
  const error = blocking === 0 ? void 0 : new ReproError(`${summaryLine(report)} \`lint: error\` stops the run before the build.`, {
    fix: "fix the findings annotated above (docs/lint.md explains each rule), silence one with a comment line `# repro-ci: ignore=RC...` above the instruction, or set `lint: warn` in repro.yml (or the `lint` input)."
  });
  return { report, sarif, error };
}
function annotate(report, log) {
  for (const f of report.findings) {
    const text = `${findingLabel(f, report)}: ${f.message} Fix: ${ruleInfo(f.rule).fix}`;
    const where = { file: f.file, line: f.line };
    if (isBlocking(f, report)) log.error(text, where);
    else log.warning(text, where);
  }
}
function writeSarif(report, file) {
  writeFileFresh(
    file,
    `${JSON.stringify(toSarif(report.findings, { version: VERSION2, failOnFindings: report.level === "error" }), null, 2)}
`
  );
  return file;
}

// src/cache/build-cache.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { existsSync as existsSync5, mkdirSync as mkdirSync3, mkdtempSync as mkdtempSync2, rmSync as rmSync5, statSync as statSync4, writeFileSync as writeFileSync3 } from "node:fs";
import os4 from "node:os";
import path11 from "node:path";

// src/cache/download.ts
import { readFileSync as readFileSync6, readdirSync as readdirSync4, existsSync as existsSync3, rmSync as rmSync3 } from "node:fs";
import path9 from "node:path";

// src/log.ts
var HeldLogger = class {
  held = [];
  info(text) {
    this.held.push({ kind: "info", text });
  }
  output(text) {
    this.held.push({ kind: "output", text });
  }
  warning(text, where) {
    this.held.push({ kind: "warning", text, where });
  }
  error(text, where) {
    this.held.push({ kind: "error", text, where });
  }
  debug(text) {
    this.held.push({ kind: "debug", text });
  }
  group(_title, fn) {
    return fn();
  }
  untrusted(fn) {
    return fn();
  }
  /** Writes everything held into `to` (warnings through `warning` when given) and forgets it. */
  replay(to, warning = (t, w) => to.warning(t, w)) {
    for (const h of this.held.splice(0)) {
      if (h.kind === "warning") warning(h.text, h.where);
      else if (h.kind === "error") to.error(h.text, h.where);
      else to[h.kind](h.text);
    }
  }
};

// src/cache/keys.ts
import { createHash as createHash3 } from "node:crypto";
import { readdirSync as readdirSync3, readFileSync as readFileSync5 } from "node:fs";
import path8 from "node:path";
var KEY_PREFIX = "repro-ci-mount-v1";
var KEY_FILE = /^(requirements.*\.(txt|in)|constraints.*\.txt|uv\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|pixi\.lock|environment\.ya?ml|conda-lock\.ya?ml|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb|Cargo\.lock|go\.sum|Gemfile\.lock|composer\.lock|renv\.lock)$/;
var SKIP_DIR = /^(\.git|node_modules|\.venv|venv|__pycache__|\.repro-ci.*|\.tox|\.mypy_cache)$/;
function isKeyFile(name) {
  return KEY_FILE.test(name);
}
function mountKeys(opts) {
  const { mount } = opts;
  const p = mount.perms;
  const identity = sha(JSON.stringify(p ? [mount.id, p.uid, p.gid, p.mode] : [mount.id])).slice(0, 8);
  const prefix = `${KEY_PREFIX}-${opts.os}-${opts.arch}-${slug(mount.id)}-${identity}-`;
  const content = opts.files.length > 0 ? sha(
    [...opts.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}\0${f.sha256}`).join("\n")
  ).slice(0, 16) : slug(opts.fallback).slice(0, 40);
  return { key: prefix + content, restoreKeys: [prefix] };
}
function slug(id) {
  return id.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "mount";
}
function globRegex2(glob) {
  let re = "";
  const g = glob.replace(/^\.\//, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*" && g[i + 1] === "*") {
      re += g[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += g[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function findKeyFiles(dir, globs) {
  const regexes = globs?.map(globRegex2);
  const out = [];
  const walk2 = (rel2, depth) => {
    let entries;
    try {
      entries = readdirSync3(path8.join(dir, rel2), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < 4 && !SKIP_DIR.test(e.name)) walk2(p, depth + 1);
      } else if (e.isFile() && (regexes ? regexes.some((r) => r.test(p)) : isKeyFile(e.name))) {
        out.push({ path: p, sha256: sha(readFileSync5(path8.join(dir, p))) });
      }
    }
  };
  walk2("", 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
function sha(data) {
  return createHash3("sha256").update(data).digest("hex");
}
var LAYERS_KEY_PREFIX = "repro-ci-layers-v1";
function layerKeys(o) {
  const prefix = `${LAYERS_KEY_PREFIX}-${o.os}-${o.arch}-${slug(o.project)}-${slug(o.image)}-`;
  return { key: prefix + (slug(o.commit).slice(0, 40) || "local"), restoreKeys: [prefix] };
}

// src/cache/mounts.ts
function discoverMounts(files, overrides = {}) {
  const byId = /* @__PURE__ */ new Map();
  const skipped = [];
  for (const f of files) {
    const df = parseDockerfile(f.text);
    const scopes = instructionScopes(df, f.buildArgs);
    for (const stage of df.stages) {
      const base = baseImage(df, stage, f.buildArgs);
      for (const instr of stage.instructions) {
        for (const m of runMounts(instr, scopes.get(instr))) {
          if (m.type !== "cache" || !m.id) continue;
          const use = { image: f.image, dockerfile: f.label, line: instr.line, target: m.target ?? "" };
          if (overrides[m.id]?.exclude) continue;
          if (m.error) {
            skipped.push({ id: m.id, use, reason: `BuildKit refuses it: ${m.error}` });
            continue;
          }
          if (m.unresolved) {
            const names = m.unresolved.map((n) => "$" + n).join(", ");
            skipped.push({
              id: m.id,
              use,
              reason: `its options use ${names}, which the Dockerfile does not set (only the base image could); write the value, or declare it with ARG and pass it in the build's args`
            });
            continue;
          }
          if (m.from) {
            skipped.push({
              id: m.id,
              use,
              reason: `it is seeded \`from=${m.from}\`, and BuildKit keeps such a cache apart from the plain id`
            });
            continue;
          }
          const perms = m.uid !== void 0 || m.gid !== void 0 || m.mode !== void 0 ? { uid: m.uid ?? 0, gid: m.gid ?? 0, mode: m.mode ?? "0755" } : void 0;
          const identity = mountIdentity(m.id, perms);
          let entry = byId.get(identity);
          if (!entry) {
            entry = {
              id: m.id,
              sharing: m.sharing ?? "shared",
              perms,
              uses: [],
              images: [],
              helperImages: [],
              added: false
            };
            byId.set(identity, entry);
          }
          entry.uses.push(use);
          if (!entry.images.includes(f.image)) entry.images.push(f.image);
          if (base && !entry.helperImages.includes(base)) entry.helperImages.push(base);
        }
      }
    }
  }
  const firstBase = [...byId.values()].flatMap((m) => m.helperImages)[0] ?? firstBaseOf(files);
  for (const [id, o] of Object.entries(overrides)) {
    if (o.exclude) continue;
    const found = [...byId.values()].filter((m) => m.id === id);
    for (const f of found) if (o.files) f.files = o.files;
    if (found.length > 0) continue;
    byId.set(id, {
      id,
      sharing: "shared",
      uses: [],
      images: files.map((f) => f.image),
      helperImages: firstBase ? [firstBase] : [],
      files: o.files,
      added: true
    });
  }
  return { mounts: [...byId.values()], skipped };
}
function mountIdentity(id, perms) {
  return perms ? `${id} uid=${perms.uid},gid=${perms.gid},mode=${perms.mode}` : id;
}
function firstBaseOf(files) {
  for (const f of files) {
    const df = parseDockerfile(f.text);
    for (const s of df.stages) {
      const b = baseImage(df, s, f.buildArgs);
      if (b) return b;
    }
  }
  return void 0;
}

// src/cache/download.ts
var STAGING_ROOT = ".repro-ci-cache";
var emptyMarkerPath = (stagingRel) => `${stagingRel}-empty`;
function restoreOptions(p) {
  return {
    config: p.config,
    store: p.store,
    workdir: p.workdir ?? process.cwd(),
    os: process.env.RUNNER_OS || { linux: "Linux", darwin: "macOS", win32: "Windows" }[process.platform] || process.platform,
    arch: process.env.RUNNER_ARCH || { x64: "X64", arm64: "ARM64" }[process.arch] || process.arch,
    fallback: p.commit,
    mountOverrides: p.config.cache.mounts,
    // Only where asked for: the builder may still turn it down (see layers.ts), and then the download is discarded.
    layerImages: p.config.cache.layers === "image" ? p.config.images.map((i) => i.key) : []
  };
}
function startRestore(o) {
  const { config } = o;
  const log = new HeldLogger();
  const discovery = discoverMounts(
    config.images.map((img) => ({
      image: img.key,
      label: path9.relative(config.root, img.dockerfile) || img.dockerfile,
      text: readDockerfile(img.dockerfile),
      buildArgs: img.buildArgs
    })),
    o.mountOverrides
  );
  for (const s of discovery.skipped)
    log.warning(`cache mount ${s.id} (${s.use.dockerfile}:${s.use.line}) is not kept between runs: ${s.reason}.`);
  if (discovery.mounts.length === 0) log.info("no RUN --mount=type=cache in the Dockerfiles: no cache mount to keep.");
  const mounts = discovery.mounts.map((mount) => {
    const contexts = [...new Set(config.images.filter((i) => mount.images.includes(i.key)).map((i) => i.context))];
    const keyFiles = mount.files ? findKeyFiles(config.root, mount.files) : contexts.flatMap(
      (c) => findKeyFiles(c).map((f) => ({
        ...f,
        path: path9.relative(config.root, path9.join(c, f.path)).split(path9.sep).join("/")
      }))
    );
    const keys = mountKeys({ os: o.os, arch: o.arch, mount, files: keyFiles, fallback: o.fallback });
    const report = {
      id: mount.id,
      images: mount.images,
      key: keys.key,
      keyFiles: keyFiles.map((f) => f.path),
      restore: { status: "off", files: 0, bytes: 0, seconds: 0 },
      save: { status: "off", files: 0, bytes: 0, seconds: 0 }
    };
    const uses = mount.uses.map((u) => `${u.dockerfile}:${u.line}`).join(", ") || "added in repro.yml";
    log.info(
      `cache mount ${mount.id} (${uses}); key ${keys.key}${keyFiles.length ? ` from ${report.keyFiles.join(", ")}` : ""}`
    );
    return { mount, keys, keyFiles, report, staging: stagingFor(o.workdir, mount), log: new HeldLogger() };
  });
  if (mounts.length > 0 && !o.store)
    log.info(
      "no cache service here: cache mounts stay in the local BuildKit cache (kept between runs on this machine only)."
    );
  const layers = (o.layerImages ?? []).map((image) => ({
    image,
    keys: layerKeys({ os: o.os, arch: o.arch, project: config.name, image, commit: o.fallback }),
    staging: layerStaging(o.workdir, image),
    log: new HeldLogger()
  }));
  let chain = Promise.resolve();
  const store = o.store;
  if (store) {
    for (const d of [...mounts, ...layers]) {
      d.got = chain.then(() => download(store, d, mounts.includes(d)));
      chain = d.got.then(() => void 0);
    }
  }
  return {
    log,
    mounts,
    layers,
    store: o.store,
    workdir: o.workdir,
    os: o.os,
    arch: o.arch,
    fallback: o.fallback,
    settled: chain
  };
}
function restoreSeconds(got, since) {
  if (!got) return (performance.now() - since) / 1e3;
  return got.seconds + (performance.now() - Math.max(since, got.endedAt)) / 1e3;
}
async function download(store, d, mount) {
  const start = performance.now();
  const timing = () => ({ seconds: (performance.now() - start) / 1e3, endedAt: performance.now() });
  try {
    rmSync3(d.staging.abs, { recursive: true, force: true });
    const marker2 = mount ? store.lookup?.([emptyMarkerPath(d.staging.rel)], d.keys.key) : void 0;
    const got = await store.restore([d.staging.rel], d.keys.key, d.keys.restoreKeys, (text) => d.log.output(text));
    const empty = await marker2;
    if (empty?.key && !got.problem && got.key !== d.keys.key) {
      rmSync3(d.staging.abs, { recursive: true, force: true });
      return { key: empty.key, empty: true, ...timing() };
    }
    return { ...got, ...timing() };
  } catch (e) {
    return { problem: errorMessage(e), ...timing() };
  }
}
async function discardRestore(r) {
  await discardDownloads([...r.mounts, ...r.layers], r.workdir);
}
async function discardDownloads(entries, workdir) {
  await Promise.all(entries.map((d) => d.got));
  for (const d of entries) rmSync3(d.staging.abs, { recursive: true, force: true });
  removeStagingRoot(workdir);
}
function stagingFor(workdir, mount) {
  return stagingIn(workdir, slug(mountIdentity(mount.id, mount.perms)));
}
function layerStaging(workdir, image) {
  return stagingIn(workdir, `layers-${slug(image)}`);
}
function stagingIn(workdir, name) {
  const rel2 = `${STAGING_ROOT}/${name}`;
  return { rel: rel2, abs: path9.join(workdir, rel2) };
}
function removeStagingRoot(workdir) {
  const root = path9.join(workdir, STAGING_ROOT);
  if (existsSync3(root) && readdirSync4(root).length === 0) rmSync3(root, { recursive: true, force: true });
}
function readDockerfile(file) {
  try {
    return readFileSync6(file, "utf8");
  } catch {
    return "";
  }
}

// src/cache/image-layers.ts
import { existsSync as existsSync4, mkdirSync as mkdirSync2, readFileSync as readFileSync7, renameSync, rmSync as rmSync4, statSync as statSync3, writeFileSync as writeFileSync2 } from "node:fs";
import path10 from "node:path";

// src/cache/tarindex.ts
import { createHash as createHash4 } from "node:crypto";
import { closeSync as closeSync2, openSync as openSync2, readSync, writeSync as writeSync2 } from "node:fs";
function indexTar(read) {
  const entries = listTar(read);
  const files = entries.filter((e) => e.type === "0");
  const lines = entries.map(
    (e) => `${e.name.replace(/^\.\//, "").replace(/\/$/, "")}	${e.type}	${e.size}	${e.mode.toString(8)}	${e.type === "5" ? "" : e.mtime}`
  ).filter((l) => !l.startsWith(".	") && !l.startsWith("	")).sort();
  return {
    files: files.length,
    bytes: files.reduce((a, e) => a + e.size, 0),
    fingerprint: createHash4("sha256").update(lines.join("\n")).digest("hex")
  };
}
function listTar(read) {
  const entries = [];
  let offset = 0;
  let longName;
  let pax = {};
  let start = 0;
  for (; ; ) {
    const h = read(offset, 512);
    if (h.length < 512)
      throw new Error(`tar archive is truncated (it stops at byte ${offset}, before its end-of-archive blocks)`);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new Error(`not a tar archive (bad header checksum at byte ${offset})`);
    const size = octal(h.subarray(124, 136));
    const type = String.fromCharCode(h[156] || 48);
    const dataAt = offset + 512;
    offset = dataAt + Math.ceil(size / 512) * 512;
    if (type === "L" || type === "x" || type === "g") {
      const data = read(dataAt, size);
      if (data.length < size) throw new Error("tar archive is truncated");
      if (type === "L") longName = cstring(data);
      else if (type === "x") pax = parsePax(data);
      continue;
    }
    const prefix = h.subarray(257, 263).toString("latin1").startsWith("ustar") ? cstring(h.subarray(345, 500)) : "";
    const base = cstring(h.subarray(0, 100));
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${base}` : base);
    entries.push({
      name,
      type,
      size: pax.size ? Number(pax.size) : size,
      mode: octal(h.subarray(100, 108)),
      mtime: pax.mtime ? Math.floor(Number(pax.mtime)) : octal(h.subarray(136, 148)),
      start,
      dataAt,
      end: offset
    });
    longName = void 0;
    pax = {};
    start = offset;
  }
  return entries;
}
function indexTarFile(file) {
  return withReader(file, indexTar);
}
function readTarFile(file, fn) {
  return withReader(file, (read) => fn(listTar(read), (e) => read(e.dataAt, e.size)));
}
function copyTarWithout(src, dest, drop) {
  const entries = readTarFile(src, (list) => list);
  const inFd = openSync2(src, "r");
  const outFd = openSync2(dest, "w");
  try {
    const buf = Buffer.alloc(1024 * 1024);
    for (const e of entries.filter((x) => !drop.has(x.name))) {
      for (let at = e.start; at < e.end; ) {
        const n = readSync(inFd, buf, 0, Math.min(buf.length, e.end - at), at);
        if (n <= 0) throw new Error(`tar archive ${src} is truncated`);
        writeSync2(outFd, buf, 0, n);
        at += n;
      }
    }
    writeSync2(outFd, Buffer.alloc(1024));
  } finally {
    closeSync2(inFd);
    closeSync2(outFd);
  }
}
function withReader(file, fn) {
  const fd = openSync2(file, "r");
  try {
    return fn((offset, length) => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    });
  } finally {
    closeSync2(fd);
  }
}
function cstring(b) {
  const nul = b.indexOf(0);
  return b.subarray(0, nul < 0 ? b.length : nul).toString("utf8");
}
function octal(b) {
  if (b[0] & 128) {
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  const s = b.toString("latin1").replace(/\0.*$/s, "").trim();
  return s ? parseInt(s, 8) : 0;
}
function checksumOk(h) {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === octal(h.subarray(148, 156));
}
function parsePax(data) {
  const out = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(32, pos);
    if (space < 0) break;
    const len = Number(data.subarray(pos, space).toString("latin1"));
    if (!len) break;
    const rec = data.subarray(space + 1, pos + len - 1).toString("utf8");
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    pos += len;
  }
  return out;
}

// src/cache/image-layers.ts
var ARCHIVE = "image.tar";
var BASE = "base.json";
function startsWith(layers, prefix) {
  return prefix.length <= layers.length && prefix.every((l, i) => layers[i] === l);
}
function baseOf(built2, candidates) {
  const prefixes = candidates.filter(
    (c) => c.layers.length > 0 && c.layers.length < built2.length && startsWith(built2, c.layers)
  );
  return prefixes.sort((a, b) => b.layers.length - a.layers.length)[0];
}
function baseLayerFiles(manifest, n) {
  const layers = manifest[0]?.Layers ?? [];
  const above = new Set(layers.slice(n));
  return new Set(layers.slice(0, n).filter((f) => !above.has(f)));
}
function layerCacheTag(localTag) {
  const colon = localTag.lastIndexOf(":");
  const repo = colon > localTag.lastIndexOf("/") ? localTag.slice(0, colon) : localTag;
  return `${repo}:repro-ci-layers`;
}
var ImageLayers = class {
  constructor(o) {
    this.o = o;
  }
  o;
  entries = /* @__PURE__ */ new Map();
  /** One per image, in build order (the cache report shows this array). */
  reports = [];
  /** The loaded image to read the cache back from, for `--cache-from`. */
  loaded(image) {
    const e = this.entries.get(image);
    return e?.loadedId ? e.tag : void 0;
  }
  /** Loads each image's entry, whose download (download.ts) began with the run. */
  async restore(images) {
    for (const img of images) {
      const { keys, staging } = img.download;
      const e = {
        keys,
        tag: layerCacheTag(img.localTag),
        report: {
          image: img.key,
          key: keys.key,
          restore: { status: "miss", bytes: 0, seconds: 0 },
          save: { status: "skipped", bytes: 0, seconds: 0 }
        }
      };
      this.entries.set(img.key, e);
      this.reports.push(e.report);
      const r = e.report.restore;
      const start = performance.now();
      await this.staged(img.key, staging, r, "building without it", async () => {
        const got = await img.download.got ?? { problem: "it was never downloaded" };
        img.download.log.replay(this.o.log, (m) => this.o.warn(m));
        if (got.problem) throw new Error(`restore failed (${got.problem})`);
        if (!got.key) return this.o.log.info(`layer cache of ${img.key}: miss (no entry for ${keys.restoreKeys[0]}*).`);
        const archive = path10.join(staging.abs, ARCHIVE);
        if (!existsSync4(archive)) throw new Error(`the restored entry ${got.key} holds no ${ARCHIVE}`);
        r.bytes = statSync3(archive).size;
        const base = path10.join(staging.abs, BASE);
        if (existsSync4(base)) await this.ensureBase(JSON.parse(readFileSync7(base, "utf8")));
        await this.o.docker.load(archive);
        e.loadedId = (await this.o.docker.imageInspect(e.tag))?.id;
        if (!e.loadedId) throw new Error(`docker load did not bring back ${e.tag}`);
        r.matchedKey = got.key;
        r.status = got.key === keys.key ? "hit" : "older";
        this.o.log.info(
          `layer cache of ${img.key}: loaded ${e.tag} from ${got.key} (${formatBytes(r.bytes)}); builds read it back with --cache-from.`
        );
      });
      r.seconds = restoreSeconds(await img.download.got, start);
    }
  }
  /** Saves each built image whose content is not what was loaded. */
  async save(built2) {
    for (const img of built2) {
      const e = this.entries.get(img.key);
      if (!e) continue;
      const s = e.report.save;
      const unchanged = e.loadedId === img.id;
      if (unchanged || e.report.restore.matchedKey === e.keys.key) {
        s.status = unchanged ? "unchanged" : "exists";
        s.reason = unchanged ? "the build made the image that was loaded" : `${e.keys.key} is taken (entries cannot be replaced)`;
        if (e.loadedId) await this.o.docker.removeImages([e.tag]);
        continue;
      }
      const staging = layerStaging(this.o.workdir, img.key);
      rmSync4(staging.abs, { recursive: true, force: true });
      await this.staged(img.key, staging, s, "the next run builds without it", async () => {
        await this.o.docker.removeImages([e.tag]);
        await this.o.docker.tag(img.id, e.tag);
        try {
          mkdirSync2(staging.abs, { recursive: true });
          const archive = path10.join(staging.abs, ARCHIVE);
          const whole = path10.join(staging.abs, "whole.tar");
          await this.o.docker.save([e.tag], whole);
          const base = baseOf(await this.o.docker.layers(img.id), await this.candidates(img.key));
          if (base) {
            const drop = readTarFile(whole, (entries, data) => {
              const manifest = entries.find((x) => x.name === "manifest.json");
              if (!manifest) throw new Error("docker save wrote no manifest.json");
              return baseLayerFiles(JSON.parse(data(manifest).toString("utf8")), base.layers.length);
            });
            copyTarWithout(whole, archive, drop);
            rmSync4(whole);
            writeFileSync2(path10.join(staging.abs, BASE), JSON.stringify(base));
          } else {
            renameSync(whole, archive);
          }
          s.bytes = statSync3(archive).size;
          s.reason = base ? `without the ${base.layers.length} layers of ${base.ref}` : "the whole image (no FROM image it starts with is here)";
        } finally {
          await this.o.docker.removeImages([e.tag]);
        }
        const got = await this.o.store.save([staging.rel], e.keys.key);
        if (got.exists) {
          s.status = "exists";
          s.reason = keyTakenReason(e.keys.key);
          this.o.log.info(`layer cache of ${img.key}: ${s.reason}.`);
          return;
        }
        if (!got.key) throw new Error(`could not save (${got.problem})`);
        s.status = "saved";
        this.o.log.info(`layer cache of ${img.key}: saved ${e.keys.key} (${formatBytes(s.bytes)}).`);
      });
    }
  }
  /** The FROM images of an image that are in the engine, with their layers. */
  async candidates(image) {
    const out = [];
    for (const ref of this.o.bases(image)) {
      const layers = await this.o.docker.layers(ref).catch(() => void 0);
      if (layers) out.push({ ref, layers });
    }
    return out;
  }
  /** Makes the entry's base present (pulled when missing) and checks it is the one the entry left out. */
  async ensureBase(base) {
    let layers = await this.o.docker.layers(base.ref).catch(() => void 0);
    if (!layers) {
      this.o.log.info(
        `layer cache: pulling the base image ${base.ref} first (the entry leaves its layers out; the build would pull it anyway).`
      );
      await this.o.docker.pull(base.ref);
      layers = await this.o.docker.layers(base.ref);
    }
    if (layers.length !== base.layers.length || !startsWith(layers, base.layers)) {
      throw new Error(`${base.ref} is not the image the entry was built on (its layers changed since)`);
    }
  }
  /** Runs one restore or save in the image's staging folder; a failure is a warning, and the folder goes. */
  async staged(image, staging, r, otherwise, fn) {
    const start = performance.now();
    try {
      await fn();
    } catch (e) {
      r.status = "failed";
      this.o.warn(`layer cache of ${image}: ${errorMessage(e)}; ${otherwise}.`);
    } finally {
      rmSync4(staging.abs, { recursive: true, force: true });
      r.seconds = (performance.now() - start) / 1e3;
    }
  }
};

// src/cache/channel.ts
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import net from "node:net";
import { pipeline } from "node:stream/promises";

// src/cache/dance.ts
var MOUNT_DIR = "/repro-ci-mount";
var ARCHIVE2 = "cache.tar";
var RESULT = "result";
var STREAM_ARGS = { port: "REPRO_CI_STREAM_PORT", token: "REPRO_CI_STREAM_TOKEN" };
var STREAM_HELLO = "repro-ci-ok";
var CANNOT_STREAM = 75;
function mountFlag(m) {
  const id = /[",]/.test(m.id) ? `"id=${m.id.replace(/"/g, '""')}"` : `id=${m.id}`;
  const perms = m.perms ? `,uid=${m.perms.uid},gid=${m.perms.gid},mode=${m.perms.mode}` : "";
  return `--mount=type=cache,${id},target=${MOUNT_DIR},sharing=locked${perms}`;
}
function run(script, m, nonce) {
  return JSON.stringify(["/bin/sh", "-c", script, `repro-ci-cache:${m.id}:${nonce}`]);
}
var WORK_STAGE = "work";
var marker = (name, value) => `printf 'repro-ci-%s=%s\\n' ${name} ${value}`;
var DRAIN_BASH = "if command -v cat >/dev/null; then cat <&3 >/dev/null; else while IFS= read -r -u 3 _; do :; done; fi";
var DRAIN_PY = "if r==0:\n while s.recv(1<<16): pass";
function streamClient(tar, direction) {
  const { port, token } = STREAM_ARGS;
  const redirect = direction === "in" ? "<&3" : ">&3";
  const bash = [
    `{ exec 3<>/dev/tcp/127.0.0.1/$${port}; } 2>/dev/null || exit ${CANNOT_STREAM}`,
    `printf "%s\\n" "$${token}" >&3`,
    // read takes a socket byte by byte: nothing after the answer's newline is consumed.
    `IFS= read -r -t 30 hello <&3`,
    `[ "$hello" = ${STREAM_HELLO} ] || exit ${CANNOT_STREAM}`,
    ...direction === "in" ? [`${tar.join(" ")} ${redirect} || exit $?`, DRAIN_BASH] : [`${tar.join(" ")} ${redirect}`]
  ].join("\n");
  const py = [
    "import os,socket,subprocess,sys",
    "try:",
    ` s=socket.create_connection(("127.0.0.1",int(os.environ["${port}"])),30)`,
    ` s.sendall((os.environ["${token}"]+"\\n").encode())`,
    ' h=b""',
    ' while not h.endswith(b"\\n") and len(h)<64:',
    "  c=s.recv(1)",
    "  if not c: break",
    "  h+=c",
    " s.settimeout(None)",
    "except (OSError,ValueError): sys.exit(" + CANNOT_STREAM + ")",
    `if h!=b"${STREAM_HELLO}\\n": sys.exit(${CANNOT_STREAM})`,
    `r=subprocess.run(${JSON.stringify(tar)},${direction === "in" ? "stdin" : "stdout"}=s.fileno()).returncode`,
    ...direction === "in" ? [DRAIN_PY] : [],
    "sys.exit(r)"
  ].join("\n");
  return [
    "rc=0",
    `if command -v bash >/dev/null 2>&1; then bash -c '${bash}' || rc=$?`,
    `elif command -v python3 >/dev/null 2>&1; then python3 -c '${py}' || rc=$?`,
    `else rc=${CANNOT_STREAM}; fi`,
    // The classic client exports the result file even then (it cannot export nothing): write one.
    `if [ $rc = ${CANNOT_STREAM} ]; then echo unavailable > /${RESULT}; ${marker("stream", "unavailable")}; exit 0; fi`,
    "[ $rc = 0 ] || exit $rc"
  ].join("\n");
}
function helperDockerfile(image, transport, run2, exported) {
  const args = transport === "stream" ? [`ARG ${STREAM_ARGS.port}`, `ARG ${STREAM_ARGS.token}`] : [];
  return [
    `FROM ${image} AS ${WORK_STAGE}`,
    ...args,
    `RUN ${run2}`,
    "FROM scratch",
    `COPY --from=${WORK_STAGE} ${exported} /`,
    ""
  ].join("\n");
}
function injectDockerfile(m, image, nonce, transport = "context") {
  const outcome = (what) => `echo ${what} > /${RESULT}; ${marker("inject", what)}`;
  const unpack = transport === "stream" ? streamClient(["tar", "-xf", "-", "-C", MOUNT_DIR], "in") : `tar -xf /repro-ci-in/${ARCHIVE2} -C ${MOUNT_DIR}`;
  const script = [
    "set -e",
    `if [ -n "$(ls -A ${MOUNT_DIR})" ]; then ${outcome("kept")}; echo "repro-ci: the builder's cache mount already holds files; keeping them"; exit 0; fi`,
    unpack,
    outcome("injected")
  ].join("\n");
  const bind = transport === "context" ? ` --mount=type=bind,source=${ARCHIVE2},target=/repro-ci-in/${ARCHIVE2}` : "";
  return helperDockerfile(image, transport, `${mountFlag(m)}${bind} ${run(script, m, nonce)}`, `/${RESULT}`);
}
function extractDockerfile(m, image, nonce, transport = "context") {
  if (transport === "stream") {
    const script2 = [
      "set -e",
      `echo extracted > /${RESULT}`,
      streamClient(["tar", "-cf", "-", "-C", MOUNT_DIR, "."], "out"),
      marker("extract", "streamed")
    ].join("\n");
    return helperDockerfile(image, transport, `${mountFlag(m)} ${run(script2, m, nonce)}`, `/${RESULT}`);
  }
  const script = ["set -e", "mkdir -p /repro-ci-out", `tar -cf /repro-ci-out/${ARCHIVE2} -C ${MOUNT_DIR} .`].join("\n");
  return helperDockerfile(image, transport, `${mountFlag(m)} ${run(script, m, nonce)}`, `/repro-ci-out/${ARCHIVE2}`);
}
function injectOutcome(log) {
  return /repro-ci-inject=(kept|injected)\b/.exec(log)?.[1];
}
function streamUnavailable(log) {
  return /repro-ci-stream=unavailable\b/.test(log);
}
function extractStreamed(log) {
  return /repro-ci-extract=streamed\b/.test(log);
}
function streamPossible(f) {
  if (f.builder === "buildx" && f.driver !== "docker") return false;
  return !f.dockerHost || f.dockerHost.startsWith("unix://");
}

// src/cache/channel.ts
var MAX_TOKEN_LINE = 128;
var TOKEN_WAIT_MS = 3e4;
var ArchiveChannel = class _ArchiveChannel {
  constructor(server, what) {
    this.server = server;
    this.what = what;
    server.on("connection", (sock) => this.greet(sock));
  }
  server;
  what;
  token = randomBytes(24).toString("hex");
  claimed = false;
  transfer;
  /**
   * A channel on a free loopback port that serves `file`. The file may still be on its way (a download):
   * the connection waits for it, and gets an empty archive when it resolves to nothing.
   */
  static sending(file) {
    return _ArchiveChannel.open({ send: file });
  }
  /** A channel on a free loopback port that writes what comes to `file`. */
  static receiving(file) {
    return _ArchiveChannel.open({ receive: file });
  }
  static async open(what) {
    const server = net.createServer();
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new _ArchiveChannel(server, what);
  }
  get port() {
    return this.server.address().port;
  }
  /** The build's environment: the values of the build args the stream's RUN reads. */
  env() {
    return { [STREAM_ARGS.port]: String(this.port), [STREAM_ARGS.token]: this.token };
  }
  /** Whether a transfer took place, once it is over (false when nobody said the token). Rejects when it broke. */
  async finished() {
    if (!this.transfer) return false;
    await this.transfer;
    return true;
  }
  close() {
    this.server.close();
  }
  greet(sock) {
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => sock.destroy(), TOKEN_WAIT_MS);
    const onData = (chunk) => {
      got = Buffer.concat([got, chunk]);
      const nl = got.indexOf(10);
      if (nl < 0 && got.length <= MAX_TOKEN_LINE) return;
      clearTimeout(timer);
      sock.off("data", onData);
      sock.pause();
      const said = nl < 0 ? Buffer.alloc(0) : got.subarray(0, nl);
      const want = Buffer.from(this.token);
      if (this.claimed || said.length !== want.length || !timingSafeEqual(said, want)) {
        sock.destroy();
        return;
      }
      this.claimed = true;
      if (nl + 1 < got.length) sock.unshift(got.subarray(nl + 1));
      this.transfer = this.move(sock);
      this.transfer.catch(() => void 0);
    };
    sock.on("data", onData);
    sock.on("error", () => clearTimeout(timer));
  }
  async move(sock) {
    sock.write(`${STREAM_HELLO}
`);
    if ("receive" in this.what) return pipeline(sock, createWriteStream(this.what.receive));
    const file = await this.what.send;
    if (file) await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), sock);
    else await new Promise((resolve) => sock.end(Buffer.alloc(1024), resolve));
  }
};

// src/cache/service-deadline.ts
import http2 from "node:http";
import https2 from "node:https";
var BLOB_URL_KEYS = ["signed_upload_url", "signed_download_url", "archiveLocation"];
var BLOB_ROUTE = "/blob/";
var MAX_JSON_BYTES = 1024 * 1024;
var HOP_BY_HOP = /* @__PURE__ */ new Set(["connection", "keep-alive", "transfer-encoding", "host", "proxy-connection", "upgrade"]);
var DEFAULT_IDLE_MS = 3e4;
var ServiceDeadline = class {
  constructor(upstream, idleMs = DEFAULT_IDLE_MS) {
    this.idleMs = idleMs;
    this.upstream = new URL(upstream.endsWith("/") ? upstream : `${upstream}/`);
  }
  idleMs;
  /** What went wrong, one line each, for the run's warnings. */
  faults = [];
  server;
  gone;
  upstream;
  async start() {
    const server = http2.createServer((req, res) => this.forward(req, res));
    server.keepAliveTimeout = 12e4;
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    server.unref();
    this.server = server;
    return this.url;
  }
  /** The forwarder's base URL, in place of the service's. */
  get url() {
    return `http://127.0.0.1:${this.server.address().port}/`;
  }
  async close() {
    const s = this.server;
    this.server = void 0;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((resolve) => s.close(() => resolve()));
  }
  target(reqUrl) {
    const incoming = new URL(reqUrl, "http://forwarder");
    if (!incoming.pathname.startsWith(BLOB_ROUTE))
      return new URL(`${incoming.pathname.slice(1)}${incoming.search}`, this.upstream);
    const blob = new URL(Buffer.from(incoming.pathname.slice(BLOB_ROUTE.length), "base64url").toString("utf8"));
    for (const [k, v] of incoming.searchParams) blob.searchParams.append(k, v);
    return blob;
  }
  blobUrl(signed) {
    return `${this.url}${BLOB_ROUTE.slice(1)}${Buffer.from(signed, "utf8").toString("base64url")}`;
  }
  forward(req, res) {
    if (this.gone) return answer(res, 503, `the cache service is taken as gone for this run: ${this.gone}`);
    let target;
    try {
      target = this.target(req.url ?? "/");
    } catch {
      return answer(res, 400, "not a URL this forwarder made");
    }
    const call = target.pathname.split("/").pop() || target.pathname;
    const headers = { ...req.headers };
    for (const h of Object.keys(headers)) if (HOP_BY_HOP.has(h)) delete headers[h];
    const client = target.protocol === "https:" ? https2 : http2;
    const up = client.request(target, { method: req.method, headers });
    let timer;
    const progress = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const fault = `${req.method} ${call} made no progress within ${this.idleMs / 1e3} s`;
        this.gone = fault;
        this.faults.push(
          `the Actions cache service hung (${fault}); repro-ci's deadline answered 504 and dropped the request`
        );
        up.destroy();
        if (!res.headersSent) answer(res, 504, fault);
        else res.destroy();
      }, this.idleMs).unref();
    };
    const done = () => clearTimeout(timer);
    progress();
    req.on("data", progress);
    res.on("close", done);
    up.on("error", (e) => {
      done();
      if (!res.headersSent) answer(res, 502, `the cache service could not be reached: ${e.message}`);
      else res.destroy();
    });
    up.on("response", (upRes) => {
      progress();
      const out = {};
      for (const [k, v] of Object.entries(upRes.headers)) if (v !== void 0 && !HOP_BY_HOP.has(k)) out[k] = v;
      const json = /json/i.test(upRes.headers["content-type"] ?? "") && Number(upRes.headers["content-length"] ?? 0) <= MAX_JSON_BYTES;
      if (!json) {
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.on("data", progress);
        upRes.pipe(res);
        return;
      }
      const chunks = [];
      upRes.on("data", (c) => {
        progress();
        chunks.push(c);
      });
      upRes.on("end", () => {
        done();
        const body = Buffer.from(this.rewrite(Buffer.concat(chunks).toString("utf8")), "utf8");
        res.writeHead(upRes.statusCode ?? 502, { ...out, "content-length": String(body.length) });
        res.end(body);
      });
    });
    req.pipe(up);
  }
  /** The service's JSON answer with its blob URLs pointing here; any other text as it came. */
  rewrite(text) {
    let parsed2;
    try {
      parsed2 = JSON.parse(text);
    } catch {
      return text;
    }
    if (!parsed2 || typeof parsed2 !== "object") return text;
    const o = parsed2;
    let changed = false;
    for (const k of BLOB_URL_KEYS) {
      if (typeof o[k] === "string" && /^https?:\/\//.test(o[k])) {
        o[k] = this.blobUrl(o[k]);
        changed = true;
      }
    }
    return changed ? JSON.stringify(o) : text;
  }
};
function answer(res, status, msg) {
  const body = JSON.stringify({ code: status === 504 ? "deadline_exceeded" : "unavailable", msg });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

// src/cache/layers.ts
function chooseLayerCache(choice, f) {
  const canExport = f.builder === "buildx" && !!f.driver && (f.driver !== "docker" || !!f.containerdStore);
  const builderName = f.builder === "classic" ? "the classic client" : `the buildx ${f.driver ?? "unknown"} driver${f.driver === "docker" ? ` on the ${f.containerdStore ? "containerd" : "overlay2"} image store` : ""}`;
  if (choice === "none") return { strategy: "none", reason: "layer caching is off (`cache.layers: none`)" };
  if (choice === "gha" || choice === "auto" && canExport && f.cacheService) {
    if (!canExport)
      return layerFallback(
        f,
        `\`cache.layers: gha\` needs a builder that can export caches, and this one is ${builderName}`
      );
    if (!f.cacheService)
      return layerFallback(f, "`cache.layers: gha` needs the Actions cache service, and this job has none");
    return { strategy: "gha", reason: `type=gha through the Actions cache (${builderName})` };
  }
  if (choice === "image") {
    if (!f.cacheService)
      return layerFallback(f, "`cache.layers: image` needs the Actions cache service, and this job has none");
    if (canExport)
      return {
        strategy: "gha",
        reason: `type=gha through the Actions cache: \`cache.layers: image\` is for builders that cannot export a layer cache, and ${builderName} can`
      };
    if (f.containerdStore)
      return layerFallback(
        f,
        `\`cache.layers: image\` reads the kept image back with --cache-from, which the containerd image store looks up in a registry only, and ${builderName} cannot export a cache`
      );
    return {
      strategy: "image",
      reason: "the last built image, kept in the Actions cache (docker save/load) and read back with --cache-from"
    };
  }
  if (choice === "registry" || choice === "auto" && f.repository) {
    if (!f.repository)
      return {
        strategy: "builder",
        reason: "`cache.layers: registry` needs `push.image`; using the local BuildKit cache only"
      };
    return { strategy: "registry", reason: `inline cache in ${f.repository}, read back with --cache-from` };
  }
  return {
    strategy: "builder",
    reason: f.cacheService ? `the local BuildKit cache only: ${builderName} cannot export a layer cache and no push.image is set for an inline cache (\`cache.layers: image\` keeps the built image in the Actions cache instead)` : "the local BuildKit cache only (no cache service here)"
  };
}
function layerFallback(f, why) {
  return f.repository ? { strategy: "registry", reason: `${why}; inline cache in ${f.repository} instead` } : { strategy: "builder", reason: `${why}; local BuildKit cache only` };
}
function layerFlags(plan, f) {
  const bounded = `${f.service ? `${f.service},` : ""}ignore-error=true${f.timeoutSeconds ? `,timeout=${f.timeoutSeconds}s` : ""}`;
  if (plan.strategy === "gha")
    return {
      cacheFrom: [`type=gha,scope=${f.scope},${bounded}`],
      cacheTo: [`type=gha,mode=max,scope=${f.scope},${bounded}`],
      buildArgs: {}
    };
  if (plan.strategy === "image") return inlineCache(f.builder, f.loaded ? [f.loaded] : []);
  if (plan.strategy === "registry" && f.repository) {
    const tags = [...new Set(f.branches.map(sanitizeTag).filter(Boolean))];
    return inlineCache(
      f.builder,
      tags.map((t) => `${f.repository}:${t}`)
    );
  }
  return { cacheFrom: [], cacheTo: [], buildArgs: {} };
}
function builderOnLoopback(f) {
  const local = (addr) => !addr || addr.startsWith("unix://") || /^tcp:\/\/(127\.[\d.]+|localhost|\[::1\])(:|\/|$)/.test(addr);
  if (f.builder === "buildx" && f.driver === "remote") return !!f.endpoint && local(f.endpoint);
  if (f.builder === "buildx" && f.driver !== "docker") return false;
  return local(f.dockerHost);
}
function inlineCache(builder, cacheFrom) {
  return builder === "buildx" ? { cacheFrom, cacheTo: ["type=inline"], buildArgs: {} } : { cacheFrom, cacheTo: [], buildArgs: { BUILDKIT_INLINE_CACHE: "1" } };
}
var LayerCacheWatch = class {
  steps = /* @__PURE__ */ new Map();
  partial = "";
  faults = [];
  /** Cache references the registry does not hold yet (a branch's first push): expected, not a fault. */
  misses = [];
  push(chunk) {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.line(line);
  }
  line(line) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) return;
    const [, id, text] = m;
    if (/^(importing cache manifest from |exporting to GitHub Actions Cache|exporting cache to |writing cache )/.test(
      text
    ) && !this.steps.has(id))
      this.steps.set(id, text.trim());
    const error = /^ERROR: (.*)$/.exec(text);
    if (!error || !this.steps.has(id)) return;
    const step = this.steps.get(id);
    const miss = /^importing cache manifest from (\S+)$/.exec(step);
    if (miss && /: not found$/.test(error[1])) this.misses.push(miss[1]);
    else this.faults.push(`${step}: ${error[1]}`);
  }
};
function layerCacheMissNote(imageKey, ref) {
  return `layer cache of ${imageKey}: ${ref} is not in the registry yet (the first push of this tag writes it), so this build starts without it; the "ERROR: \u2026 not found" above says only that.`;
}
function layerCacheFaultWarning(imageKey, flags, fault) {
  const types = [
    ...new Set([...flags.cacheFrom, ...flags.cacheTo].map((c) => /type=(\w+)/.exec(c)?.[1] ?? "registry"))
  ].join(", ");
  return `layer cache (type=${types}) of ${imageKey}: ${fault}; the build went on without it (the next run builds these layers again).`;
}

// src/cache/build-cache.ts
var REPO_LIMIT_BYTES = 10 * 1024 ** 3;
var NEAR_LIMIT = 0.8;
var emptyHanded = (g) => !!g.problem || !g.key;
var EARLY_INJECT_GRACE_MS = 250;
var BuildCache = class _BuildCache {
  constructor(o) {
    this.o = o;
    this.report = {
      backend: o.store ? "actions" : "builder",
      layers: this.chooseLayers(typeof o.driver === "string" ? o.driver : void 0, o.containerdStore === true),
      mounts: [],
      warnings: []
    };
  }
  o;
  report;
  states = [];
  imageLayers;
  /** Whether helper builds stream their archives (decided with the first one; see dance.ts). */
  stream;
  /** The deadline in front of the cache service for type=gha, and the URL attribute that points BuildKit at it. */
  deadline;
  /** The pipeline's way in: facts from the run (driver, platform, commit) filled in. */
  static forPipeline(p) {
    const store = p.restoring.store;
    const service = !!store || !!p.cacheServiceFault;
    const driver = p.environment.builder === "buildx" && service ? p.docker.buildxDriver() : void 0;
    const endpoint = driver ? p.docker.buildxEndpoint() : void 0;
    const containerdStore = service ? p.docker.info().then((i) => i.containerdStore) : false;
    return new _BuildCache({
      config: p.config,
      docker: p.docker,
      log: p.log,
      builder: p.environment.builder,
      store,
      restoring: p.restoring,
      localTag: p.localTag,
      layers: p.config.cache.layers,
      driver,
      endpoint,
      containerdStore,
      repository: p.pushImage,
      cacheService: service,
      serviceFault: p.cacheServiceFault,
      context: p.context
    });
  }
  /** Layer-cache flags for one image's build. */
  flagsFor(imageKey) {
    const o = this.o;
    const ctx = o.context;
    const branches = [ctx && branchOf(ctx.ref), ctx?.baseRef, ctx?.defaultBranch].filter((b) => !!b);
    return layerFlags(this.report.layers, {
      builder: o.builder,
      scope: `repro-ci-${o.config.name}-${imageKey}`,
      repository: o.repository ? repositoryFor(o.repository, imageKey, o.config.images.length) : void 0,
      branches,
      loaded: this.imageLayers?.loaded(imageKey),
      timeoutSeconds: o.config.cache.layerTimeoutSeconds,
      service: this.deadline?.attr
    });
  }
  chooseLayers(driver, containerdStore) {
    const o = this.o;
    return chooseLayerCache(o.layers ?? "auto", {
      builder: o.builder,
      driver,
      containerdStore,
      cacheService: o.cacheService,
      repository: o.repository
    });
  }
  /** Finds the mounts, computes keys, restores and injects; settles the layer cache meanwhile. */
  async restore() {
    const layers = (async () => {
      const { driver, containerdStore } = this.o;
      if (driver !== void 0 && typeof driver !== "string" || containerdStore !== void 0 && typeof containerdStore !== "boolean") {
        this.report.layers = this.chooseLayers(await driver, await containerdStore ?? false);
      }
      const fault = this.report.layers.strategy === "gha" ? this.o.serviceFault : void 0;
      if (fault) {
        this.report.layers = layerFallback(
          { repository: this.o.repository },
          `the Actions cache service failed a first lookup (${fault}), and type=gha would hold the build up or fail its cache steps`
        );
        this.warn(`layer cache (type=gha): ${this.report.layers.reason}.`);
      }
      if (this.report.layers.strategy === "gha") await this.startDeadline();
      const down = this.report.layers.strategy === "registry" && this.o.repository ? await registryDown(this.o.repository) : void 0;
      if (down) {
        this.report.layers = {
          strategy: "builder",
          reason: `${down}, and --cache-from would hold the build up; local BuildKit cache only`
        };
        this.warn(`layer cache (registry): ${this.report.layers.reason}.`);
      }
    })();
    try {
      await this.restoreMounts();
    } finally {
      await layers;
      this.o.log.info(`layer cache: ${this.report.layers.reason}`);
    }
    if (this.report.layers.strategy === "image" && this.o.store) await this.restoreImageLayers(this.o.store);
    else await discardDownloads(this.o.restoring.layers, this.o.restoring.workdir);
  }
  /** Puts service-deadline.ts between BuildKit and the cache service, where the builder can reach it. */
  async startDeadline() {
    const env = process.env;
    const v2 = /^(true|1)$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? "");
    const upstream = v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
    if (!upstream) return;
    const where = {
      builder: this.o.builder,
      driver: await this.o.driver,
      endpoint: await this.o.endpoint,
      dockerHost: env.DOCKER_HOST
    };
    if (!builderOnLoopback(where)) {
      this.o.log.info(
        "layer cache: this builder runs off this machine; its type=gha requests have only BuildKit's own time limits"
      );
      return;
    }
    const idleMs = Math.min(DEFAULT_IDLE_MS, this.o.config.cache.layerTimeoutSeconds * 1e3);
    const proxy = new ServiceDeadline(upstream, idleMs);
    try {
      this.deadline = { proxy, attr: `${v2 ? "url_v2" : "url"}=${await proxy.start()}` };
    } catch (e) {
      this.o.log.info(`layer cache: no deadline in front of the cache service (${errorMessage(e)})`);
    }
  }
  /** After the builds: the deadline stops, and each time it cut the service off is a warning. */
  async endBuilds() {
    const d = this.deadline;
    this.deadline = void 0;
    if (!d) return;
    await d.proxy.close();
    for (const fault of d.proxy.faults) this.warn(`layer cache (type=gha): ${fault}; the builds went on without it.`);
  }
  async restoreImageLayers(store) {
    const { config, docker, log, restoring, localTag } = this.o;
    const bases = (image) => {
      const img = config.images.find((i) => i.key === image);
      return img ? baseImages(readDockerfile(img.dockerfile), img.buildArgs) : [];
    };
    const il = this.imageLayers = new ImageLayers({
      docker,
      store,
      bases,
      workdir: restoring.workdir,
      warn: (m) => this.warn(m),
      log
    });
    this.report.layerImages = il.reports;
    await il.restore(restoring.layers.map((d) => ({ key: d.image, localTag: localTag(d.image), download: d })));
    removeStagingRoot(restoring.workdir);
  }
  async restoreMounts() {
    const { restoring, log } = this.o;
    restoring.log.replay(log, (m) => this.warn(m));
    for (const d of restoring.mounts) {
      this.states.push(d);
      this.report.mounts.push(d.report);
    }
    for (const st of this.states) await this.restoreOne(st);
    removeStagingRoot(restoring.workdir);
  }
  /**
   * Waits for the mount's download (begun with the run), shows what it logged, and injects what came. A
   * streamed inject starts before that, beside the download (earlyInject).
   */
  async restoreOne(st) {
    if (!st.got) return;
    const { log } = this.o;
    const start = performance.now();
    const r = st.report.restore;
    const archive = path11.join(st.staging.abs, ARCHIVE2);
    const checked = st.got.then((g) => {
      if (emptyHanded(g) || g.empty) return void 0;
      if (!existsSync5(archive)) throw new Error(`the restored entry ${g.key} holds no ${ARCHIVE2}`);
      return indexTarFile(archive);
    }).catch((e) => new Error(errorMessage(e)));
    const early = this.earlyInject(
      st,
      checked.then((c) => c && !(c instanceof Error) ? archive : void 0)
    );
    early.catch(() => void 0);
    const got = await st.got;
    st.log.replay(log, (m) => this.warn(m));
    try {
      if (got.empty) {
        await st.injecting;
        [r.status, r.matchedKey] = ["hit", got.key];
        log.info(
          `cache mount ${st.mount.id}: the build left it empty last time (${got.key}); nothing to restore, inject or extract.`
        );
        return;
      }
      if (emptyHanded(got)) {
        if (await st.injecting === "unavailable") this.noStream(st.mount);
        if (got.problem) {
          r.status = "failed";
          this.warn(`cache mount ${st.mount.id}: restore failed (${got.problem}); building without it.`);
        } else {
          r.status = "miss";
          log.info(
            `cache mount ${st.mount.id}: miss (no entry for ${st.keys.restoreKeys[0]}*); a RUN step that uses it starts with it empty, if the step runs (a CACHED layer does not).`
          );
        }
        return;
      }
      const index = await checked;
      if (index instanceof Error || !index) throw index;
      const injected = await this.inject(st.mount, archive, early);
      r.injectSeconds = injected.seconds;
      r.transport = injected.transport;
      st.restored = index;
      r.matchedKey = got.key;
      r.files = index.files;
      r.bytes = index.bytes;
      r.status = injected.outcome === "kept" ? "kept" : got.key === st.keys.key ? "hit" : "partial";
      log.info(
        `cache mount ${st.mount.id}: ${r.status === "kept" ? "the builder already had content; kept it" : `${r.status === "hit" ? "hit" : "restored older content"} ${got.key}`}: ${r.files} files, ${formatBytes(r.bytes)}.`
      );
    } catch (e) {
      await early;
      r.status = "failed";
      this.warn(`cache mount ${st.mount.id}: could not restore (${errorMessage(e)}); building without it.`);
    } finally {
      rmSync5(st.staging.abs, { recursive: true, force: true });
      r.seconds = restoreSeconds(got, start);
    }
  }
  /**
   * The streamed inject, started before the download is over: its RUN waits on the socket for `content`
   * (an empty archive when that comes to nothing), so the helper build's start is hidden behind the
   * download. Not started (undefined at once) where it cannot stream, or when the download has already come
   * back empty. Never rejects: a failure is the Error it resolves to.
   */
  async earlyInject(st, content) {
    let settled;
    void st.got?.then((g) => settled = g);
    if (!await this.streaming()) return void 0;
    await Promise.race([st.got, new Promise((resolve) => setTimeout(resolve, EARLY_INJECT_GRACE_MS).unref())]);
    if (settled && (emptyHanded(settled) || settled.empty)) return void 0;
    return st.injecting = this.helper(st.mount, "inject", { send: content }, "stream").catch(
      (e) => new Error(errorMessage(e))
    );
  }
  /** Finishes the inject: the early stream's outcome, or an inject with the archive as build context where it could not stream. */
  async inject(mount, archive, early) {
    let start = performance.now();
    const streamed = await early;
    if (streamed instanceof Error) throw streamed;
    if (streamed && streamed !== "unavailable")
      return { outcome: streamed, transport: "stream", seconds: (performance.now() - start) / 1e3 };
    if (streamed) this.noStream(mount);
    start = performance.now();
    const outcome = await this.helper(mount, "inject", { send: archive }, "context");
    return { outcome, transport: "context", seconds: (performance.now() - start) / 1e3 };
  }
  /** Extracts and saves the mounts whose images all built, then the `image` layer cache. */
  async save(images) {
    if (!this.o.store) return;
    const built2 = images.map((i) => i.key);
    for (const st of this.states) {
      if (!st.mount.images.every((i) => built2.includes(i))) {
        st.report.save.status = "skipped";
        st.report.save.reason = "an image using it did not build";
        continue;
      }
      const got = await st.got;
      if (got && !emptyHanded(got) && got.key === st.keys.key) {
        if (got.empty) {
          st.report.save.status = "exists";
          st.report.save.reason = `remembered as empty under ${st.keys.key}`;
          this.o.log.info(`cache mount ${st.mount.id}: remembered as empty; nothing to extract or save.`);
          continue;
        }
        const restored = st.report.restore.matchedKey === st.keys.key;
        st.report.save.status = "exists";
        st.report.save.reason = `${restored ? "restored from" : "an entry exists under"} ${st.keys.key}; it is saved again when its key files change`;
        this.o.log.info(
          `cache mount ${st.mount.id}: ${restored ? "restored from its exact key" : `${st.keys.key} exists (its restore failed, see above)`}; nothing to save.`
        );
        continue;
      }
      await this.saveOne(st);
    }
    await this.imageLayers?.save(images);
    removeStagingRoot(this.o.restoring.workdir);
    const total = this.report.mounts.reduce((a, m) => a + Math.max(m.save.bytes, m.restore.bytes), 0) + (this.report.layerImages ?? []).reduce((a, l) => a + Math.max(l.save.bytes, l.restore.bytes), 0);
    if (total > REPO_LIMIT_BYTES * NEAR_LIMIT) {
      this.warn(
        `cache mounts hold ${formatBytes(total)}, near GitHub's 10 GB cache limit per repository: older entries (other branches' too) will be evicted. Exclude large mounts under \`cache.mounts\` in repro.yml.`
      );
    }
  }
  async saveOne(st) {
    const { log } = this.o;
    const start = performance.now();
    const s = st.report.save;
    const staging = st.staging;
    try {
      rmSync5(staging.abs, { recursive: true, force: true });
      mkdirSync3(staging.abs, { recursive: true });
      const extractStart = performance.now();
      const archive = path11.join(staging.abs, ARCHIVE2);
      s.transport = await this.extract(st.mount, archive);
      s.extractSeconds = (performance.now() - extractStart) / 1e3;
      const index = indexTarFile(archive);
      s.files = index.files;
      s.bytes = index.bytes;
      if (index.files === 0) {
        const marker2 = emptyMarkerPath(staging.rel);
        mkdirSync3(path11.join(this.o.restoring.workdir, marker2), { recursive: true });
        writeFileSync3(path11.join(this.o.restoring.workdir, marker2, "EMPTY"), "the build left this cache mount empty\n");
        const got = await this.o.store.save([marker2], st.keys.key);
        rmSync5(path11.join(this.o.restoring.workdir, marker2), { recursive: true, force: true });
        s.status = "empty";
        log.info(
          `cache mount ${st.mount.id}: empty after the build; ${got.key ? `remembered as empty under ${got.key}, so the next run skips it` : "nothing to save"}.`
        );
      } else if (st.restored && st.restored.fingerprint === index.fingerprint) {
        s.status = "unchanged";
        log.info(`cache mount ${st.mount.id}: unchanged since ${st.report.restore.matchedKey}; not saving.`);
      } else {
        s.archiveBytes = statSync4(archive).size;
        const got = await this.o.store.save([staging.rel], st.keys.key);
        if (got.key) {
          s.status = "saved";
          log.info(
            `cache mount ${st.mount.id}: saved ${st.keys.key}: ${index.files} files, ${formatBytes(index.bytes)}.`
          );
        } else if (got.exists) {
          s.status = "exists";
          s.reason = keyTakenReason(st.keys.key);
          log.info(`cache mount ${st.mount.id}: ${s.reason}; the next run restores that.`);
        } else {
          s.status = "failed";
          this.warn(`cache mount ${st.mount.id}: could not save (${got.problem}); the next run builds it cold.`);
        }
      }
    } catch (e) {
      s.status = "failed";
      this.warn(`cache mount ${st.mount.id}: could not save (${errorMessage(e)}); the next run builds it cold.`);
    } finally {
      rmSync5(staging.abs, { recursive: true, force: true });
      s.seconds = (performance.now() - start) / 1e3;
    }
  }
  /** Whether helper builds stream (decided once; see dance.ts). */
  async streaming() {
    return this.stream ??= streamPossible({
      builder: this.o.builder,
      driver: await this.o.driver,
      dockerHost: process.env.DOCKER_HOST
    });
  }
  /** Extracts the mount's content into `archive`: streamed where possible, else exported from the build. */
  async extract(mount, archive) {
    if (await this.streaming()) {
      if (await this.helper(mount, "extract", { receive: archive }, "stream") !== "unavailable") return "stream";
      this.noStream(mount);
    }
    await this.helper(mount, "extract", { receive: archive }, "context");
    return "context";
  }
  /** After a stream found it could not connect: the rest of the run sends archives as build context. */
  noStream(mount) {
    this.stream = false;
    this.o.log.info(
      `cache mounts: the helper build from ${mount.helperImages[0]} cannot reach this machine's loopback (no bash or python3 in it, or the engine runs elsewhere); sending archives as build context instead.`
    );
  }
  /**
   * One inject or extract helper build. `archive` is what to send (inject; maybe still downloading when
   * streamed) or where the extracted archive goes. Returns what inject did (`injected` or `kept`),
   * `extracted`, or `unavailable` when a stream could not connect. Throws on failure.
   */
  async helper(mount, kind, archive, transport) {
    const image = mount.helperImages[0];
    if (!image) throw new Error("no stage using it starts from an image with a shell (FROM scratch)");
    const tmp = mkdtempSync2(path11.join(os4.tmpdir(), `repro-ci-${kind}-`));
    const channel = transport === "context" ? void 0 : "send" in archive ? await ArchiveChannel.sending(archive.send) : await ArchiveChannel.receiving(archive.receive);
    try {
      const nonce = randomBytes2(6).toString("hex");
      const dockerfile = path11.join(tmp, "Dockerfile");
      writeFileSync3(
        dockerfile,
        kind === "inject" ? injectDockerfile(mount, image, nonce, transport) : extractDockerfile(mount, image, nonce, transport)
      );
      let context = path11.join(tmp, "empty");
      mkdirSync3(context);
      if (!channel && "send" in archive) {
        const file = await archive.send;
        if (!file) throw new Error("there is no archive to inject");
        context = path11.dirname(file);
      }
      const out = !channel && "receive" in archive ? path11.dirname(archive.receive) : path11.join(tmp, "out");
      const discardTarget = kind === "inject" || channel ? WORK_STAGE : void 0;
      const req = {
        dockerfile,
        context,
        outputDir: out,
        discardTarget,
        ...channel && { network: "host", buildArgsFromEnv: Object.values(STREAM_ARGS) }
      };
      const res = await this.o.docker.helperBuild(this.o.builder, req, channel?.env());
      if (res.exitCode !== 0) {
        const tail = res.tail.join("").trim().split("\n").slice(-6).join(" | ");
        throw new Error(`the ${kind} build from ${image} failed (exit ${res.exitCode}): ${tail}`);
      }
      if (channel && streamUnavailable(res.log)) return "unavailable";
      const outcome = kind === "extract" ? channel && !extractStreamed(res.log) ? void 0 : "extracted" : injectOutcome(res.log);
      if (!outcome)
        throw new Error(
          `the ${kind} build from ${image} did not say what it did (no repro-ci-${kind}= line in its log)`
        );
      if (channel && outcome !== "kept" && !await channel.finished())
        throw new Error(`the ${kind} build from ${image} never connected to this machine`);
      return outcome;
    } finally {
      channel?.close();
      rmSync5(tmp, { recursive: true, force: true });
    }
  }
  warn(message) {
    this.o.log.warning(message);
    this.report.warnings.push(message);
  }
};

// src/record/sources.ts
import { createHash as createHash5 } from "node:crypto";
import { existsSync as existsSync6, readdirSync as readdirSync5, readFileSync as readFileSync8, readlinkSync } from "node:fs";
import path12 from "node:path";
function sha2562(data) {
  return createHash5("sha256").update(data).digest("hex");
}
function sentFiles(img) {
  const patterns = parseDockerignore(buildIgnore(img.dockerfile, img.context, img.exclude).text);
  const out = [];
  const walk2 = (rel2) => {
    for (const e of readdirSync5(path12.join(img.context, rel2), { withFileTypes: true })) {
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (isIgnored(patterns, r)) continue;
      const abs = path12.join(img.context, r);
      if (e.isDirectory()) walk2(r);
      else if (e.isSymbolicLink() || e.isFile()) out.push({ rel: r, abs, link: e.isSymbolicLink() });
    }
  };
  walk2("");
  return out.sort((a, b) => a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}
function contextDigest(img) {
  const lines = sentFiles(img).map(
    (f) => `${f.rel}\0${f.link ? `link:${readlinkSync(f.abs)}` : sha2562(readFileSync8(f.abs))}`
  );
  return { sha256: sha2562(lines.join("\n")), files: lines.length };
}
async function gatherSourceFacts(config, docker) {
  const facts = {};
  const bases = /* @__PURE__ */ new Map();
  const contexts = /* @__PURE__ */ new Map();
  for (const img of config.images) {
    if (!existsSync6(img.dockerfile)) continue;
    const text = readFileSync8(img.dockerfile);
    const df = parseDockerfile(text.toString("utf8"));
    const names = [
      ...new Set(df.stages.map((s) => baseImage(df, s, img.buildArgs)).filter((n) => n !== void 0))
    ];
    for (const n of names) if (!bases.has(n)) bases.set(n, resolveBase(docker, n));
    const key = `${img.context}\0${buildIgnore(img.dockerfile, img.context, img.exclude).text}`;
    if (!contexts.has(key)) contexts.set(key, contextDigest(img));
    const ctx = contexts.get(key);
    facts[img.key] = {
      dockerfileSha256: sha2562(text),
      contextSha256: ctx.sha256,
      contextFiles: ctx.files,
      baseImages: await Promise.all(names.map((n) => bases.get(n)))
    };
  }
  return facts;
}
async function resolveBase(docker, name) {
  const found = await docker.imageInspect(name);
  if (!found)
    return {
      name,
      resolved: "not-found",
      note: "not in the local engine after the build (a digest-pinned FROM still pins it)"
    };
  let repository = name;
  try {
    repository = parseImageRef(name).repository;
  } catch {
  }
  const digest = digestFor(repository, found.repoDigests) ?? found.repoDigests[0]?.split("@")[1];
  if (digest && await docker.servedByRegistry(`${repository}@${digest}`))
    return { name, digest: `${repository}@${digest}`, id: found.id, resolved: "registry-digest" };
  const note = digest ? `its digest ${digest.slice(0, 19)}\u2026 is the engine's local manifest (containerd image store), which no registry serves, so only its image id pins it` : "built or imported on this machine: no registry digest exists, so only its image id pins it";
  return { name, id: found.id, resolved: "local-image-id", note };
}

// src/record/stage.ts
import path14 from "node:path";

// src/record/build.ts
import path13 from "node:path";
function buildRecord(result, config, context, facts, now) {
  const rel2 = (p) => path13.relative(config.root, p).split(path13.sep).join("/") || ".";
  const metricFiles = (config.metrics?.sources ?? []).map((s) => s.file);
  const images = config.images.map((spec) => {
    const built2 = result.images.find((i) => i.key === spec.key);
    const pushed = result.pushed.find((p) => p.key === spec.key);
    const f = facts[spec.key];
    return {
      key: spec.key,
      dockerfile: rel2(spec.dockerfile),
      context: rel2(spec.context),
      ...spec.target ? { target: spec.target } : {},
      buildArgs: spec.buildArgs,
      ...f ? { dockerfileSha256: f.dockerfileSha256, contextSha256: f.contextSha256, contextFiles: f.contextFiles } : {},
      baseImages: f?.baseImages ?? [],
      id: built2?.id ?? "",
      localTag: built2?.localTag ?? "",
      ...pushed ? { pushed: { repository: pushed.repository, tags: pushed.tags, digest: pushed.digest } } : {}
    };
  });
  const steps = config.steps.map(
    (s, i) => recordStep(s, config.steps.slice(0, i), rel2, metricFiles, result.steps.find((r) => r.name === s.name)?.exitCode)
  );
  const env = result.environment;
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    tool: { name: "repro-ci", version: VERSION2 },
    createdAt: now.toISOString(),
    project: config.name,
    source: {
      repository: context.repository,
      sha: builtCommit(context),
      ref: context.ref,
      event: context.eventName,
      ...context.commitTime ? { commitTime: context.commitTime } : { commitTimeUnknown: commitTimeUnknown(context) },
      ...context.prNumber !== void 0 ? { pullRequest: context.prNumber, head: context.sha, base: context.prBase } : {},
      dirty: context.dirty ?? false
    },
    passed: result.ok,
    images,
    steps,
    metrics: {
      sources: (config.metrics?.sources ?? []).map((s) => ({
        path: rel2(s.file),
        format: s.format,
        ...s.row ? { row: s.row } : {},
        ...s.prefix ? { prefix: s.prefix } : {}
      })),
      ...config.metrics?.reference ? { reference: rel2(config.metrics.reference.file) } : {},
      values: result.metrics ?? {}
    },
    rules: config.checks.map(({ where: _where, ...r }) => stripUndefined(r)),
    verdicts: result.checks,
    ...result.repeat ? { repeat: result.repeat } : {},
    environment: {
      builder: env?.builder,
      client: env?.clientVersion,
      engine: env?.serverVersion,
      buildx: env?.buildxVersion,
      buildkit: result.hardware?.buildkit
    },
    ...result.hardware ? { hardware: result.hardware } : {},
    timings: result.stages.map((s) => ({
      stage: s.name,
      status: s.status,
      seconds: Math.round(s.seconds * 1e3) / 1e3
    })),
    ...result.determinism ? { determinism: result.determinism } : {},
    ...result.error ? { error: result.error.message } : {}
  };
}
function recordStep(s, earlier, rel2, metricFiles, exitCode) {
  const mounts = s.mounts.map((m) => {
    const producer = [...earlier].reverse().find((e) => e.mounts.some((w) => !w.readOnly && within(w.host, m.host)));
    return {
      host: rel2(m.host),
      container: m.container,
      readOnly: m.readOnly,
      ...producer ? { producedBy: producer.name } : {}
    };
  });
  return {
    name: s.name,
    image: s.image,
    ...s.command ? { command: s.command } : {},
    ...s.args ? { args: s.args } : {},
    env: s.env,
    mounts,
    ...s.workdir ? { workdir: s.workdir } : {},
    ...s.network ? { network: s.network } : {},
    gpus: s.gpus,
    timeoutSeconds: s.timeoutSeconds,
    resources: s.resources,
    ...exitCode === void 0 ? {} : { exitCode },
    writesMetrics: s.mounts.some((m) => !m.readOnly && metricFiles.some((f) => within(m.host, f)))
  };
}
function within(dir, p) {
  const r = path13.relative(dir, p);
  return r === "" || !r.startsWith("..") && !path13.isAbsolute(r);
}
function stripUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
}

// src/record/stage.ts
async function writeRecord(config, context, docker, log, result, gathered) {
  let facts = {};
  try {
    facts = await (gathered ?? gatherSourceFacts(config, docker));
  } catch (e) {
    const msg = `the record lacks Dockerfile/context hashes and base image digests: ${errorMessage(e)}`;
    log.warning(msg);
    result.warnings.push(msg);
  }
  const record = buildRecord(result, config, context, facts, /* @__PURE__ */ new Date());
  const file = path14.join(config.results, RECORD_FILE);
  writeFileFresh(file, secrets.redact(JSON.stringify(record, null, 2) + "\n"));
  for (const img of record.images) {
    for (const b of img.baseImages.filter((b2) => b2.resolved !== "registry-digest"))
      log.info(
        `record: base image ${b.name} of ${img.key} is pinned by ${b.resolved === "local-image-id" ? `its local image id ${b.id} only (${b.note})` : "nothing: it was not found in the engine"}`
      );
  }
  return { file, companions: [], record };
}
async function publishRecord(docker, log, outcome, req) {
  const pushed = outcome.record.images.flatMap((i) => i.pushed ? [i.pushed] : []);
  if (pushed.length === 0) return [];
  const labels = {
    "org.opencontainers.image.title": `repro-ci record of ${outcome.record.project}`,
    "io.github.repro-ci.record.schema-version": String(RECORD_SCHEMA_VERSION),
    [LABEL_RUN]: req.runId
  };
  const json = Buffer.from(secrets.redact(JSON.stringify(outcome.record, null, 2) + "\n"));
  const image = companionImage(json, labels, new Date(outcome.record.createdAt));
  const configDir = req.login?.dockerConfig ?? dockerConfigDir(process.env);
  const viaApi = async (p) => {
    const registry = registryOf(p.repository);
    const { host, path: repo } = apiTarget(p.repository, registry);
    const creds = credentialsFor(registry, req.login?.accounts ?? [], configDir);
    const client = new RegistryClient(host, repo, creds, req.timeoutMs ?? 3e4);
    try {
      await client.pushImage(companionTag(p.digest), [image.layer, image.config], image.manifest, MANIFEST_TYPE);
    } finally {
      client.close();
    }
    return companionRef(p.repository, p.digest);
  };
  const tried = await Promise.all(pushed.map((p) => viaApi(p).catch((e) => new Error(errorMessage(e)))));
  const refs = tried.filter((r) => typeof r === "string");
  const left = pushed.filter((_, i) => tried[i] instanceof Error);
  if (left.length > 0) {
    log.info(
      `the registry API did not take the record (${tried.find((r) => r instanceof Error).message}); pushing it through the engine.`
    );
    refs.push(...await publishThroughEngine(docker, log, image, labels, left, req));
  }
  log.info(`published the reproduction record: ${refs.join(", ")}`);
  return refs;
}
async function publishThroughEngine(docker, log, image, labels, pushed, req) {
  const id = await docker.importImage(image.tar, labels);
  const pushOne = async (p) => {
    await pushImages(docker, log, [{ key: "record", id, localTag: id }], {
      repositories: [p.repository],
      imageCount: 1,
      tags: [companionTag(p.digest)],
      retries: req.retries,
      timeoutMs: req.timeoutMs,
      login: req.login
    });
    return companionRef(p.repository, p.digest);
  };
  const refs = [];
  try {
    if (req.login) for (const p of pushed) refs.push(await pushOne(p));
    else refs.push(...await Promise.all(pushed.map(pushOne)));
  } finally {
    await docker.removeImages([...pushed.map((p) => companionRef(p.repository, p.digest)), id]);
  }
  return refs;
}

// src/determinism/stage.ts
import path15 from "node:path";
async function rebuildCheck(req) {
  const { docker, log } = req;
  if (req.plan.note) log.warning(req.plan.note);
  if (req.plan.assumed) log.info(req.plan.assumed);
  const results = [];
  for (const spec of req.images) {
    const kept = req.built.find((b) => b.key === spec.key);
    if (!kept) continue;
    let rebuiltId;
    const tag = `repro-ci-rebuild:${spec.key}-${kept.id.replace(/^sha256:/, "").slice(0, 12)}`;
    try {
      rebuiltId = await docker.build(
        req.builder,
        {
          dockerfile: spec.dockerfile,
          context: spec.context,
          exclude: spec.exclude,
          tags: [tag],
          target: spec.target,
          labels: req.labels,
          annotations: req.annotations,
          buildArgs: { ...spec.buildArgs, ...determinismBuildArgs(req.plan) },
          noCache: true
        },
        path15.relative(process.cwd(), spec.dockerfile) || spec.dockerfile
      );
      const [layers, rebuiltLayers, history] = await Promise.all([
        docker.layers(kept.id),
        docker.layers(rebuiltId),
        docker.history(rebuiltId)
      ]);
      results.push(
        compareImages({
          key: spec.key,
          id: kept.id,
          rebuiltId,
          layers,
          rebuiltLayers,
          instructions: layerInstructions(history, rebuiltLayers.length),
          plan: req.plan
        })
      );
    } catch (e) {
      results.push(failedRebuild(spec.key, kept.id, errorMessage(e)));
    } finally {
      if (rebuiltId) await docker.removeImages([tag]);
    }
    const r = results[results.length - 1];
    if (r.verdict === "identical") log.info(r.message);
    else log.warning(r.message);
    if (r.verdict === "failed") req.warnings.push(r.message);
  }
  const report = summarizeDeterminism(req.plan, results);
  log.info(determinismHeadline(report));
  return report;
}

// src/publish/annotations.ts
function annotationsDropped(f) {
  if (f.builder === "classic") return "the classic client cannot write them";
  if (!buildxAtLeast(f.buildxVersion, 0, 12))
    return `buildx ${f.buildxVersion ?? "(unknown)"} has no --annotation (0.12 or later has)`;
  if (!f.driver || f.driver === "docker")
    return "the buildx docker driver pushes a Docker schema 2 manifest, which has no annotations";
  if (!f.containerdStore)
    return `the image is loaded from the buildx ${f.driver} driver into the overlay2 image store, which keeps no manifest`;
  return void 0;
}
var ANNOTATIONS_FIX = "A buildx builder with a non-docker driver, on an engine with the containerd image store, writes them; the `annotations` output has them either way";

// src/pipeline/metrics-stage.ts
import path17 from "node:path";

// src/checks/baseline.ts
function baselineKeyPrefix(project, branch) {
  return `repro-ci-metrics-v1/${encodeURIComponent(project)}/${encodeURIComponent(branch)}/`;
}
function baselineKey(record) {
  return baselineKeyPrefix(record.project, record.branch) + record.sha;
}
function baselineBranch(context) {
  if (context.prNumber !== void 0 || context.eventName.startsWith("pull_request")) return context.baseRef;
  return branchOf(context.ref);
}
function shouldSaveBaseline(context, passed) {
  if (!passed || context.eventName !== "push") return void 0;
  return branchOf(context.ref);
}
function parseBaseline(text) {
  try {
    const r = JSON.parse(text);
    if (r.version !== 1 || typeof r.branch !== "string" || typeof r.sha !== "string" || !r.metrics || typeof r.metrics !== "object")
      return void 0;
    const metrics = Object.fromEntries(
      Object.entries(r.metrics).filter(([, v]) => typeof v === "number" && Number.isFinite(v))
    );
    return {
      version: 1,
      project: String(r.project ?? ""),
      branch: r.branch,
      sha: r.sha,
      savedAt: String(r.savedAt ?? ""),
      metrics
    };
  } catch {
    return void 0;
  }
}
function baseInput(record, branch, why) {
  if (why) return { found: false, reason: why };
  if (!branch) return { found: false, reason: "this run has no base branch to compare with" };
  if (!record) return { found: false, reason: `no successful run of ${branch} has saved metrics yet` };
  return { found: true, metrics: record.metrics, label: `${record.branch}@${record.sha.slice(0, 7)}` };
}

// src/checks/sources.ts
import { createHash as createHash6 } from "node:crypto";
import { existsSync as existsSync7, readdirSync as readdirSync6, readFileSync as readFileSync9, statSync as statSync5 } from "node:fs";
import path16 from "node:path";
function readMetricsSources(config) {
  const docs = [];
  const files = [];
  for (const src of config.metrics?.sources ?? []) {
    if (src.format === "dvc") {
      const text = readSource(config, src, src.file);
      files.push(src.file);
      const listed = dvcMetricsFiles(text, rel(config, src.file));
      const parts = listed.map((f) => {
        const abs = path16.resolve(path16.dirname(src.file), f);
        const format = formatOf(abs);
        if (!format || format === "dvc")
          throw new ReproError(`${rel(config, src.file)} names the metrics file ${f}, whose format is unknown.`, {
            location: { file: rel(config, src.file) },
            fix: FORMAT_FIX
          });
        files.push(abs);
        return {
          file: rel(config, abs),
          doc: parseMetrics(readSource(config, src, abs), rel(config, abs), format, src.row)
        };
      });
      docs.push({ file: rel(config, src.file), doc: mergeMetrics(parts), prefix: src.prefix });
    } else {
      files.push(src.file);
      docs.push({
        file: rel(config, src.file),
        doc: parseMetrics(readSource(config, src, src.file), rel(config, src.file), src.format, src.row),
        prefix: src.prefix
      });
    }
  }
  return { doc: mergeMetrics(docs), files };
}
var MAX_METRICS_BYTES = 8 * 1024 * 1024;
function readStepFile(config, file, what, where) {
  safePath(config.root, file, what, where);
  const dir = safePath(config.root, path16.dirname(file), what, where);
  return readFileNoFollow(path16.join(dir, path16.basename(file)), MAX_METRICS_BYTES, what, where);
}
function readSource(config, src, file) {
  const shown = rel(config, file);
  if (!existsSync7(file)) {
    throw new ReproError(`metrics file ${shown} was not written by the steps.`, {
      location: src.where,
      fix: `make a step write it into a mounted folder (e.g. mount \`${path16.dirname(shown) || "."}:/results\` and write /results/${path16.basename(shown)}), or fix \`metrics:\` in repro.yml.`
    });
  }
  return readStepFile(config, file, "metrics file", src.where);
}
function readReference(config) {
  const ref = config.metrics?.reference;
  if (!ref) return void 0;
  const shown = rel(config, ref.file);
  if (!existsSync7(ref.file))
    return {
      file: shown,
      error: `reference file ${shown} not found; commit it (a trusted run's metrics file) or fix metrics.reference`
    };
  try {
    return {
      file: shown,
      doc: parseMetrics(
        readStepFile(config, ref.file, "reference file", ref.where),
        shown,
        formatOf(ref.file)
      )
    };
  } catch (e) {
    const err = e;
    return {
      file: shown,
      error: `reference ${err.message.replace(/^metrics file/, "file")}${err.fix ? ` Fix: ${err.fix}` : ""}`
    };
  }
}
function keepMetrics(config, read, dir = config.results) {
  const out = makeResultsDir(config.root, config.results, dir);
  const copy = (from, to) => writeFileFresh(to, readStepFile(config, from, "metrics file"));
  const single = read.files.length === 1 && formatOf(read.files[0]) === "json" && !config.metrics?.sources[0]?.prefix;
  if (single) copy(read.files[0], path16.join(out, "metrics.json"));
  else writeFileFresh(path16.join(out, "metrics.json"), JSON.stringify(read.doc, jsonSafe, 2) + "\n");
  if (!single || dir !== config.results) {
    for (const f of read.files) {
      const to = path16.join(out, "metrics", rel(config, f).replace(/^(\.\.[/\\])+/, ""));
      copy(f, path16.join(makeResultsDir(config.root, config.results, path16.dirname(to)), path16.basename(to)));
    }
  }
}
function jsonSafe(_k, v) {
  return typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
}
function fingerprint(paths, root, skip = []) {
  const out = {};
  const walk2 = (p) => {
    if (skip.some((s) => p === s || p.startsWith(s + path16.sep)) || !existsSync7(p)) return;
    const st = statSync5(p);
    if (st.isDirectory()) for (const e of readdirSync6(p).sort()) walk2(path16.join(p, e));
    else if (st.isFile()) out[path16.relative(root, p)] = createHash6("sha256").update(readFileSync9(p)).digest("hex");
  };
  for (const p of paths) walk2(p);
  return out;
}
function rel(config, file) {
  return path16.relative(config.root, file) || file;
}

// src/pipeline/metrics-stage.ts
function collectRun(config, index) {
  const repeated = new Set(config.repeat?.steps ?? []);
  const mounts = config.steps.filter((s) => repeated.has(s.name)).flatMap((s) => s.mounts.filter((m) => !m.readOnly).map((m) => m.host));
  const files = (config.metrics?.sources ?? []).map((s) => s.file);
  const outputs = fingerprint([.../* @__PURE__ */ new Set([...mounts, ...files])], config.root, [config.results]);
  try {
    const read = readMetricsSources(config);
    keepMetrics(config, read, path17.join(config.results, "runs", String(index + 1)));
    return { doc: read.doc, outputs };
  } catch (e) {
    return { error: e instanceof ReproError ? e : new ReproError(errorMessage(e)), outputs };
  }
}
async function checkMetrics(config, context, log, store, runs, seeds) {
  let doc;
  let repeat;
  const docs = [];
  if (runs && config.repeat) {
    for (const r of runs) {
      if (r.error) throw r.error;
      docs.push(r.doc);
    }
    const summary = summarizeRuns(docs);
    const cmp = compareOutputs(runs.map((r) => r.outputs));
    repeat = {
      count: runs.length,
      checks: config.repeat.checks,
      seeds,
      stats: summary.stats,
      identical: cmp.identical,
      differing: cmp.differing
    };
    doc = summary.mean;
    keepMetrics(config, { doc, files: [] });
  } else {
    const read = readMetricsSources(config);
    keepMetrics(config, read);
    doc = read.doc;
  }
  const baseRules = config.checks.some((r) => r.base);
  let base;
  let baseline;
  if (baseRules) {
    const branch = baselineBranch(context);
    let why = store ? void 0 : "no baseline store on this run (the Actions cache is not available)";
    let record;
    if (store && branch) {
      try {
        record = await store.load(config.name, branch);
      } catch (e) {
        why = `the baseline of ${branch} could not be read (${errorMessage(e)})`;
        log.warning(why);
      }
    }
    base = baseInput(record, branch, why);
    baseline = base.found ? { branch, found: true, label: base.label } : { branch, found: false, reason: base.reason };
    log.info(base.found ? `comparing with the baseline ${base.label}` : `no baseline: ${base.reason}`);
  }
  const inputs = { reference: readReference(config), base };
  const checks = repeat?.checks === "each" ? evaluateEachRun(config.checks, docs, inputs) : evaluateRules(config.checks, doc, inputs);
  return { metrics: flattenNumbers(doc), checks, repeat, baseline };
}
async function saveBaseline(config, context, log, store, passed, metrics) {
  const branch = shouldSaveBaseline(context, passed);
  if (!store || !branch || !metrics || !config.checks.some((r) => r.base)) return;
  try {
    await store.save({
      version: 1,
      project: config.name,
      branch,
      sha: context.sha,
      savedAt: (/* @__PURE__ */ new Date()).toISOString(),
      metrics
    });
    log.info(`saved the metrics as the baseline of ${branch}`);
  } catch (e) {
    log.warning(`could not save the baseline of ${branch}: ${errorMessage(e)}`);
  }
}

// src/pipeline/pipeline.ts
async function runPipeline(opts) {
  makeResultsDir(opts.config.root, opts.config.results, path18.join(opts.config.results, "logs"));
  const lock = lockResults(opts.config.results, opts.context.runId, (m) => opts.log.info(m));
  const live = {};
  const undo = opts.cancellation?.whenCancelled((signal) => {
    if (live.result) writeCancelled(live, opts.config, signal);
    lock.release();
  });
  try {
    return await runStages(opts, live);
  } finally {
    undo?.();
    lock.release();
  }
}
function writeCancelled(live, config, signal) {
  const result = live.result;
  const s = live.stage;
  if (s) result.stages.push({ name: s.name, status: "cancelled", seconds: s.now() - s.start });
  result.ok = false;
  result.error = new ReproError(
    `the run was cancelled (${signal})${s ? ` during "${s.name}"` : ""}; the stages it finished are in the table.`,
    {
      fix: "run it again; nothing was pushed after the cancel, and the logs of the steps that ran are in the results folder."
    }
  );
  writeResults(result, config);
}
var built = (r) => !!r.result.environment && !r.opts.prebuilt;
var STAGES = [
  // Without a usable Docker the findings come first: they are all this run can give.
  { name: "Lint", when: (r) => r.dockerMissing && !!r.linting, run: lintStage },
  { name: "Detect Docker", run: detectStage },
  // A tag or release of a commit whose images already passed publishes them: no build, no re-run.
  { name: "Promote", when: built, run: promoteStage },
  { name: "Restore caches", when: (r) => !!r.restoring, run: restoreStage },
  { name: "Lint", when: (r) => !r.dockerMissing && !!r.linting, run: lintStage },
  { name: "Build", when: (r) => !r.opts.prebuilt, run: buildStages },
  { name: "Save caches", when: (r) => !!r.buildCache, run: saveCachesStage },
  { name: "Rebuild check", when: (r) => !!r.determinism && !!r.result.environment, run: rebuildStage },
  { name: "Steps", run: stepStages },
  { name: "Check metrics", when: (r) => !!r.opts.config.metrics, run: checkStage },
  { name: "Push", run: pushDecisionStage },
  { name: "Publish record", when: (r) => !r.opts.prebuilt, run: recordStage }
];
async function runStages(opts, live) {
  const r = startRun(opts, live);
  r.dockerMissing = "error" in await r.detected;
  for (const s of STAGES) {
    await opts.cancellation?.settled();
    if (r.ended) break;
    if (s.when?.(r) ?? true) await s.run(r);
  }
  await opts.docker.removalsDone();
  await opts.cancellation?.settled();
  if (!r.ended) await saveBaseline(opts.config, opts.context, opts.log, opts.baseline, r.result.ok, r.result.metrics);
  writeResults(r.result, opts.config);
  return r.result;
}
function unusedImages(config) {
  if (config.steps.length === 0) return [];
  return config.images.map((i) => i.key).filter((k) => !config.steps.some((s) => s.image === k));
}
function startRun(opts, live) {
  const { config, docker, log } = opts;
  const now = opts.now ?? (() => performance.now() / 1e3);
  const result = live.result = {
    ok: false,
    resultsDir: config.results,
    stages: [],
    images: opts.prebuilt ? [...opts.prebuilt] : [],
    steps: [],
    checks: [],
    push: { push: false, reason: "the run stopped before the push stage" },
    pushed: [],
    warnings: []
  };
  const { untrusted } = opts.context;
  const machine = new Machine({
    docker,
    log,
    runId: opts.context.runId,
    project: config.name,
    runCacheStore: opts.buildCacheStore,
    runnerUser: currentUser(),
    warnings: result.warnings,
    credentials: opts.credentials,
    untrusted
  });
  const warn2 = (msg) => {
    log.warning(msg);
    result.warnings.push(msg);
  };
  if (untrusted)
    warn2(
      `untrusted code: ${untrusted}. It is built and run with no credentials, nothing passed from the runner, no cache writes and no push.`
    );
  if (!opts.context.commitTime)
    log.info(`${commitTimeUnknown(opts.context)}: the image gets no created label, and the record says why.`);
  if (opts.cacheServiceFault)
    warn2(
      `cache service: the Actions cache service failed a first lookup (${opts.cacheServiceFault}), so no cache mount, run-time cache or baseline is restored or saved this run; the builds go on cold.`
    );
  if (opts.context.dirty)
    warn2(
      `${dirtyWords(opts.context)}: the image holds those edits, the record says so (source.dirty), and it is never pushed under the commit's tags.`
    );
  const unused = opts.prebuilt ? [] : unusedImages(config);
  if (unused.length > 0) {
    const [it, is] = unused.length === 1 ? ["it", "is"] : ["them", "are"];
    warn2(
      `${unused.map((k) => `image "${k}"`).join(", ")} ${is} built, but no step runs ${it}: remove ${it} from \`images:\` in ${path18.basename(config.file)} unless ${it} ${is} meant to be pushed.`
    );
  }
  result.publish = opts.plan.meta;
  for (const w of opts.plan.meta.warnings) log.info(w);
  const stage = async (name, fn, since) => {
    if (result.error) {
      result.stages.push({ name, status: "skipped", seconds: 0 });
      return false;
    }
    const start = since ?? now();
    live.stage = { name, start, now };
    try {
      const failed = await log.group(name, fn) === "failed";
      result.stages.push({ name, status: failed ? "failed" : "ok", seconds: now() - start });
      return !failed;
    } catch (e) {
      result.error = e instanceof ReproError ? e : new ReproError(e.message ?? String(e), { cause: e });
      result.stages.push({ name, status: "failed", seconds: now() - start });
      return false;
    } finally {
      live.stage = void 0;
    }
  };
  const detected = settle(docker.detect(opts.plan.builder));
  docker.prefetchBuilderFacts();
  const restoring = opts.prebuilt ? void 0 : startRestore(restoreOptions({ config, store: opts.buildCacheStore, commit: opts.context.sha }));
  const level = opts.plan.lint;
  const linting = level === "off" ? void 0 : settle(lintProject(config, docker, level));
  return {
    opts,
    result,
    machine,
    stage,
    warn: warn2,
    now,
    detected,
    restoring,
    linting,
    detectStart: now(),
    dockerMissing: false,
    runs: []
  };
}
async function lintStage(r) {
  const { config, log } = r.opts;
  await r.stage("Lint", async () => {
    const lint = reportLint(config, log, unwrap(await r.linting));
    [r.result.lint, r.result.sarif] = [lint.report, lint.sarif];
    if (lint.error) throw lint.error;
  });
}
async function detectStage(r) {
  const { result, opts } = r;
  await r.stage(
    "Detect Docker",
    async () => {
      const env = unwrap(await r.detected);
      result.environment = env;
      const builder = env.builder === "buildx" ? `buildx (${env.buildxVersion})` : "the classic client with BuildKit";
      opts.log.info(`engine ${env.serverVersion}, client ${env.clientVersion}, building with ${builder}`);
      result.hardware = await r.machine.inspect(opts.config.root);
    },
    r.detectStart
  );
}
async function promoteStage(r) {
  const promotion = await promotionFor(r.opts, r.stage);
  if (!promotion) return;
  if (r.restoring) await discardRestore(r.restoring);
  await publishPromotion(r.opts, r.result, promotion, r.opts.plan.meta, r.stage);
  r.ended = true;
}
async function restoreStage(r) {
  const { opts, result } = r;
  if (!result.environment) return discardRestore(r.restoring);
  const bc = r.buildCache = BuildCache.forPipeline({
    ...opts,
    pushImage: mainRepository(opts),
    environment: result.environment,
    restoring: r.restoring,
    localTag: (key) => localTagFor(opts.config, key)
  });
  result.cache = bc.report;
  await r.stage("Restore caches", () => bc.restore());
}
async function buildStages(r) {
  const { opts, result } = r;
  const env = result.environment;
  const meta = opts.plan.meta;
  if (opts.config.determinism && env)
    r.determinism = planDeterminism(await opts.docker.buildkitVersion(), opts.context.commitTime);
  if (env) r.annotations = await manifestAnnotations(opts, env, meta);
  for (const image of opts.config.images) {
    await r.stage(`Build ${image.key}`, async () => {
      const spec = { ...image, buildArgs: { ...image.buildArgs, ...determinismBuildArgs(r.determinism) } };
      const labels = { labels: meta.labels, annotations: r.annotations };
      result.images.push(await buildImage(opts, spec, env, r.buildCache, labels, r.warn));
    });
  }
  const gathering = new Promise((go) => setImmediate(go)).then(() => gatherSourceFacts(opts.config, opts.docker));
  gathering.catch(() => void 0);
  r.sourceFacts = gathering;
}
async function saveCachesStage(r) {
  const bc = r.buildCache;
  await bc.endBuilds();
  if (bc.report.backend === "actions") await r.stage("Save caches", () => bc.save(r.result.images));
  r.result.warnings.push(...bc.report.warnings);
}
async function rebuildStage(r) {
  const { opts, result } = r;
  const { config } = opts;
  await r.stage("Rebuild check", async () => {
    const d = result.determinism = await rebuildCheck({
      docker: opts.docker,
      log: opts.log,
      builder: result.environment.builder,
      plan: r.determinism,
      images: config.images,
      built: result.images,
      labels: opts.plan.meta.labels,
      annotations: r.annotations,
      warnings: result.warnings
    });
    if (config.determinism.failOnDifference && !d.contentIdentical) {
      const differ = d.images.filter((i) => i.verdict === "content-differs").map((i) => i.key);
      throw new ReproError(`the rebuild made images with different content: ${differ.join(", ")}.`, {
        fix: "see the Rebuild check section: pin what the first differing layer fetches or writes (versions, timestamps), or set `determinism.fail-on-difference: false`."
      });
    }
  });
}
async function stepStages(r) {
  const { opts, result, machine } = r;
  const { config } = opts;
  if (!result.error) await machine.checkDisk(config.root);
  const repeat = config.repeat;
  for (let k = 0; k < (repeat?.count ?? 1); k++) {
    for (const step of config.steps) {
      const repeated = repeat?.steps.includes(step.name);
      if (k > 0 && !repeated) continue;
      const name = repeated ? `Step ${step.name} (run ${k + 1}/${repeat.count})` : `Step ${step.name}`;
      const gpus = opts.plan.gpus[step.name];
      const run2 = repeated ? repeatedStep(step, repeat, k) : step;
      await r.stage(name, () => runStep(opts, run2, gpus, result, machine));
    }
    if (repeat && config.metrics && !result.error) r.runs.push(collectRun(config, k));
  }
  if (machine.caches.used) result.runCaches = await machine.saveCaches();
}
async function checkStage(r) {
  const { opts, result } = r;
  const { config, log } = opts;
  const repeat = config.repeat;
  await r.stage("Check metrics", async () => {
    const seedStep = repeat?.seedEnv ? config.steps.find((s) => repeat.steps.includes(s.name)) : void 0;
    const seeds = seedStep ? r.runs.map((_, k) => seedFor(seedStep.env[repeat.seedEnv], k)) : void 0;
    const runs = repeat ? r.runs : void 0;
    Object.assign(result, await checkMetrics(config, opts.context, log, opts.baseline, runs, seeds));
    log.info(renderTextReport({ ...result, stages: [] }, { sections: ["checks"] }));
    const failed = result.checks.filter((c) => !c.ok);
    for (const c of failed) {
      const where = config.checks.find((rule) => rule.metric === c.metric)?.where;
      log.error(`check failed: ${c.metric} ${c.rule}: ${c.message}`, where);
    }
    return failed.length > 0 ? "failed" : void 0;
  });
}
async function pushDecisionStage(r) {
  const { opts, result } = r;
  const { config } = opts;
  if (!result.error && config.steps.length === 0 && !opts.prebuilt) {
    opts.log.info(
      "no steps: a build-and-push-only config, so no container runs and no result is checked (the record and the badge say so)."
    );
  } else if (!result.error && result.checks.filter((c) => !c.skipped).length === 0) {
    r.warn(
      config.metrics ? `no checks: ${path18.relative(config.root, config.metrics.file)} is read, but no rule in \`checks:\` judges it, so this run passes without checking a result. Add a rule (e.g. \`checks: { accuracy: { min: 0.9 } }\`).` : "no checks: this run built and ran its steps and checked no result, so passing means only that nothing failed. Add `metrics:` (the file a step writes) and `checks:` to repro.yml."
    );
  }
  const passed = !result.error && result.checks.every((c) => c.ok);
  result.push = decidePublish(opts.plan.push, opts.context, passed, mainRepository(opts), opts.plan.meta.tags);
  await pushStage(opts, result, opts.plan.meta, r.stage);
  result.ok = !result.error && result.checks.every((c) => c.ok);
  await r.machine.finish();
}
async function recordStage(r) {
  const { opts, result } = r;
  const rec = result.record = await writeRecord(
    opts.config,
    opts.context,
    opts.docker,
    opts.log,
    result,
    r.sourceFacts
  );
  if (result.pushed.length === 0 || !result.environment) return;
  const req = { runId: opts.context.runId, ...pushLimits(opts.plan.publish), login: opts.login };
  const publish = async () => void rec.companions.push(...await publishRecord(opts.docker, opts.log, rec, req));
  if (!await r.stage("Publish record", publish)) result.ok = false;
}
function mainRepository(opts) {
  return opts.plan.repositories[0];
}
function pushLimits(publish) {
  return { retries: publish.retries, timeoutMs: publish.timeoutSeconds * 1e3 };
}
async function pushStage(opts, result, plan, stage) {
  const { log } = opts;
  if (!result.push.push) {
    log.info(`not pushing: ${result.push.reason}`);
    return false;
  }
  await stage("Push", async () => {
    log.info(`pushing: ${result.push.reason}`);
    const repositories = opts.plan.repositories;
    const down = (await Promise.all(repositories.map(registryDown))).find((d) => d);
    if (down)
      throw new ReproError(`${down} (GET /v2/), so nothing was pushed.`, {
        fix: "check that the registry is up and that this runner reaches it (the host in `push.image`, `push.images` or the `image`/`images` input), then run again."
      });
    const req = {
      repositories,
      imageCount: opts.config.images.length,
      tags: plan.tags,
      ...pushLimits(opts.plan.publish),
      login: opts.login
    };
    try {
      result.pushed.push(...await pushImages(opts.docker, log, result.images, req));
    } catch (e) {
      if (e instanceof PartialPush) result.pushed.push(...e.pushed);
      throw e;
    }
  });
  return true;
}
async function promotionFor(opts, stage) {
  const { context, log } = opts;
  const repository = mainRepository(opts);
  const why = whyNotPromote(context, repository);
  if (why) {
    if (tagOf(context.ref) !== void 0) log.info(`not promoting an earlier image: ${why}.`);
    return void 0;
  }
  let found;
  await stage("Promote", async () => {
    const down = await registryDown(repository);
    if (down) return log.info(`not promoting: ${down}; building and checking this commit instead.`);
    const docker = await loggedIn(opts.docker, log, opts.login);
    const r = await findPassingImages({
      repository,
      keys: opts.config.images.map((i) => i.key),
      context,
      docker,
      log
    });
    if ("why" in r) return log.info(`not promoting: ${r.why}; building and checking this commit instead.`);
    found = r;
    log.info(
      `promoting ${commitTag(context)}: the images of commit ${builtCommit(context).slice(0, 12)} passed in the run recorded ${r.record.createdAt}, and are published as they are (no rebuild, no re-run).`
    );
  });
  return found;
}
async function publishPromotion(opts, result, p, plan, stage) {
  const { config, log } = opts;
  result.images = p.images;
  result.promoted = { tag: commitTag(opts.context), recordedAt: p.record.createdAt, digests: p.digests };
  result.metrics = p.record.metrics.values;
  result.checks = p.record.verdicts;
  result.push = decidePublish(opts.plan.push, opts.context, p.record.passed, mainRepository(opts), plan.tags);
  if (await pushStage(opts, result, plan, stage)) {
    for (const pushed of result.pushed) {
      const want = p.digests[pushed.key];
      if (pushed.digest !== want) {
        const msg = `promotion of ${pushed.repository}: the registry answered ${pushed.digest}, not the promoted ${want}.`;
        log.warning(msg);
        result.warnings.push(msg);
      }
    }
  }
  result.ok = !result.error && p.record.passed;
  const file = path18.join(config.results, RECORD_FILE);
  writeFileFresh(file, JSON.stringify(p.record, null, 2) + "\n");
  result.record = { file, companions: [], record: p.record };
  return result;
}
async function manifestAnnotations(opts, env, plan) {
  if (Object.keys(plan.annotations).length === 0) return void 0;
  const driver = env.builder === "buildx" ? await opts.docker.buildxDriver() : void 0;
  const dropped = annotationsDropped({ ...env, driver, containerdStore: (await opts.docker.info()).containerdStore });
  if (!dropped) return plan.annotations;
  const asked = Object.keys(opts.plan.publish.annotations);
  if (asked.length)
    opts.log.info(
      `annotations (${asked.join(", ")}) are not written onto the pushed manifests: ${dropped}. ${ANNOTATIONS_FIX}.`
    );
  return void 0;
}
async function buildImage(opts, image, env, buildCache, meta, warn2) {
  const { config } = opts;
  const localTag = localTagFor(config, image.key);
  const flags = buildCache?.flagsFor(image.key);
  const watch = new LayerCacheWatch();
  const id = await opts.docker.build(
    env.builder,
    {
      dockerfile: image.dockerfile,
      context: image.context,
      exclude: image.exclude,
      tags: [localTag],
      target: image.target,
      ...meta,
      ...layerCache(flags, image.buildArgs)
    },
    path18.relative(process.cwd(), image.dockerfile) || image.dockerfile,
    watch
  );
  for (const fault of flags ? watch.faults : []) warn2(layerCacheFaultWarning(image.key, flags, fault));
  for (const ref of flags ? watch.misses : []) opts.log.info(layerCacheMissNote(image.key, ref));
  opts.log.info(`built ${image.key}: ${localTag} (${id})`);
  return { key: image.key, id, localTag };
}
function layerCache(f, buildArgs) {
  return f ? { cacheFrom: f.cacheFrom, cacheTo: f.cacheTo, buildArgs: { ...buildArgs, ...f.buildArgs } } : { buildArgs };
}
function localTagFor(config, key) {
  return config.images.length > 1 ? `${config.name}-${key}:latest` : `${config.name}:latest`;
}
function containerName(runId, step) {
  return `repro-ci-${runId}-${step}`.replace(/[^a-zA-Z0-9_.-]/g, "-");
}
async function runStep(opts, step, request, result, machine) {
  const { config, docker, log, context } = opts;
  const image = result.images.find((i) => i.key === step.image);
  if (!image) throw new ReproError(`step "${step.name}" needs image "${step.image}", which was not built.`);
  const mounts = step.mounts.map((m) => {
    const what = `step "${step.name}" mount`;
    if (!m.readOnly) return { ...m, host: makeSafeDir(anchorOf(config.root, m.host), m.host, what, step.where) };
    if (!existsSync8(m.host)) {
      throw new ReproError(
        `step "${step.name}" mounts ${path18.relative(config.root, m.host)} read-only, but it does not exist.`,
        {
          location: step.where,
          fix: "create it (an earlier step, a checkout or a download must put the data there), or drop `:ro` to have it created empty."
        }
      );
    }
    return { ...m, host: safePath(anchorOf(config.root, m.host), m.host, what, step.where) };
  });
  const prep = await machine.prepareStep(step, image.id, request);
  const gpus = prep.gpus;
  const name = containerName(context.runId, step.name);
  const logFile = path18.join(config.results, "logs", `${step.name}.log`);
  const entrypoint = step.command?.[0];
  const args = step.command ? [...step.command.slice(1), ...step.args ?? []] : step.args ?? [];
  log.info(
    `running ${image.localTag}${[...step.command ?? [], ...step.args ?? []].map((w) => ` ${oneLine(w)}`).join("")}`
  );
  const outcome = await docker.run(
    {
      name,
      image: image.id,
      labels: { [LABEL_RUN]: context.runId, [LABEL_STEP]: step.name },
      mounts: [...mounts, ...prep.cacheMounts],
      workdir: step.workdir,
      gpus,
      network: step.network,
      resources: prep.resources,
      entrypoint,
      args
    },
    {
      env: prep.env,
      timeoutSeconds: step.timeoutSeconds,
      logFile,
      heartbeat: {
        everySeconds: prep.heartbeatSeconds,
        say: (elapsed, silent) => log.info(Machine.heartbeatLine(step.name, elapsed, silent))
      }
    }
  );
  result.steps.push({ name: step.name, image: step.image, exitCode: outcome.exitCode, logFile, gpus });
  if (outcome.exitCode !== 0 || outcome.timedOut) {
    if (outcome.timedOut) await docker.removeContainers([name]);
    throw explainRunFailure(step.name, outcome, step.timeoutSeconds, path18.relative(process.cwd(), logFile));
  }
}
function writeResults(result, config) {
  const serializable = {
    ...result,
    error: result.error ? { message: result.error.message, fix: result.error.fix, location: result.error.location } : void 0
  };
  const dir = makeResultsDir(config.root, config.results);
  writeFileFresh(path18.join(dir, RESULT_FILE), secrets.redact(JSON.stringify(serializable, null, 2) + "\n"));
  writeFileFresh(path18.join(dir, REPORT_FILE), secrets.redact(renderMarkdownReport(result)));
}

// src/pipeline/plan.ts
var OVERRIDE_NAMES = { action: "the gpus input", cli: "--gpus", verify: "--gpus" };
function resolveRun(config, over, entry, env, context, now = /* @__PURE__ */ new Date()) {
  const notices = [];
  const verify2 = entry === "verify";
  const publish = resolvePublish(config.push, entry === "action" ? over : {});
  const repositories = verify2 ? [] : pushRepositoriesFor(over, config.push, publish, entry === "action" ? env.GITHUB_REPOSITORY : void 0, notices);
  const logins = entry !== "action" || context.untrusted ? [] : resolveLogins(repositories, over, env);
  const from = over.gpusFrom ?? OVERRIDE_NAMES[entry];
  return {
    entry,
    builder: over.builder ?? "auto",
    push: verify2 ? "never" : over.push ?? config.push.when,
    repositories,
    publish,
    meta: planPublish(context, publish, now),
    logins,
    gpus: Object.fromEntries(config.steps.map((s) => [s.name, gpuRequest(s.gpus, { value: over.gpus, from })])),
    lint: verify2 ? "off" : over.lint ?? config.lint.level,
    layers: config.cache.layers,
    notices
  };
}

// src/exec/git.ts
import { createHash as createHash7 } from "node:crypto";
async function gitOutput(exec2, cwd, args) {
  try {
    const r = await exec2("git", args, { cwd });
    return r.exitCode === 0 ? r.stdout.trim() || void 0 : void 0;
  } catch {
    return void 0;
  }
}
async function gitHeadCommit(exec2, cwd) {
  const args = ["-c", "log.showSignature=false", "show", "--no-patch", "--format=%H%n%cI", "HEAD", "--"];
  const [sha2, time] = (await gitOutput(exec2, cwd, args))?.split("\n") ?? [];
  return sha2 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha2) ? { sha: sha2, time: time || void 0 } : void 0;
}
async function gitDirty(exec2, cwd) {
  let status;
  try {
    const r = await exec2("git", ["status", "--porcelain=v1", "--untracked-files=no", "--no-renames"], { cwd });
    if (r.exitCode !== 0 || !r.stdout.trim()) return void 0;
    status = r.stdout;
  } catch {
    return void 0;
  }
  const paths = [
    ...new Set(
      status.split("\n").map((l) => l.slice(3).trim()).filter(Boolean)
    )
  ].sort();
  const diff = await gitOutput(exec2, cwd, ["diff", "--binary", "--no-color", "--no-ext-diff", "HEAD"]) ?? "";
  return { paths, diffSha256: createHash7("sha256").update(diff).digest("hex") };
}

// src/action/octokit.ts
function lazyOctokit(token, repository) {
  const [owner, repo] = repository.split("/");
  return { api: import("./github-SYGMUDM3.js").then((m) => m.getOctokit(token)), owner, repo };
}

// src/badge/badge.ts
var BADGE_LABEL = "repro-ci";
var ACM_BADGE_NAMES = ["available", "functional", "reusable", "reproduced", "replicated"];
function isoDate(d) {
  return d.toISOString().slice(0, 10);
}
function formatBadgeNumber(n) {
  return String(Number(n.toPrecision(4)));
}
function badgeFor(o, label = BADGE_LABEL) {
  checkLabel(label);
  if (o.kind === "error") {
    return {
      schemaVersion: 1,
      label,
      message: o.lastVerified ? `not verified since ${o.lastVerified}` : "not verified",
      color: "lightgrey"
    };
  }
  const judged = o.checks.filter((c) => !c.skipped);
  const passed = judged.filter((c) => c.ok).length;
  const date = isoDate(o.date);
  if (o.failed) return { schemaVersion: 1, label, message: `failing \xB7 ${date}`, color: "red" };
  if (passed < judged.length)
    return { schemaVersion: 1, label, message: `failing ${passed}/${judged.length} \xB7 ${date}`, color: "red" };
  if (judged.length === 0)
    return { schemaVersion: 1, label, message: `ran, nothing checked \xB7 ${date}`, color: "yellow" };
  const headline = judged.find((c) => c.value !== void 0) ?? o.checks.find((c) => c.value !== void 0);
  const metric = headline ? ` \xB7 ${headline.metric} ${formatBadgeNumber(headline.value)}` : "";
  const verb = o.kind === "verify" ? "reproduced" : "checks passed";
  return {
    schemaVersion: 1,
    label,
    message: `${verb} ${passed}/${judged.length}${metric} \xB7 ${date}`,
    color: "brightgreen"
  };
}
function lastVerifiedDate(previous) {
  const m = previous?.message ?? "";
  if (/^(reproduced|checks passed)\b/.test(m) || m.startsWith("not verified since "))
    return /(\d{4}-\d{2}-\d{2})$/.exec(m)?.[1];
  return void 0;
}
function checkLabel(label) {
  if (ACM_BADGE_NAMES.includes(label.trim().toLowerCase()))
    throw new Error(`"${label}" is an ACM artifact badge name, awarded by reviewers; a CI badge must not use it.`);
}
var COLORS = {
  brightgreen: "#4c1",
  green: "#97ca00",
  red: "#e05d44",
  lightgrey: "#9f9f9f",
  orange: "#fe7d37"
};
function textWidth(s) {
  let w = 0;
  for (const ch of s) w += /[ilj.,:;'!|·]/.test(ch) ? 3.5 : /[mwMW@]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}
function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function renderBadgeSvg(b) {
  const lw = textWidth(b.label) + 12;
  const mw = textWidth(b.message) + 12;
  const w = lw + mw;
  const color = COLORS[b.color] ?? (/^#[0-9a-f]{3,6}$/i.test(b.color) ? b.color : COLORS.lightgrey);
  const label = escapeXml(b.label);
  const message = escapeXml(b.message);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${label}: ${message}">`,
    `<title>${label}: ${message}</title>`,
    `<rect width="${lw}" height="20" fill="#555"/>`,
    `<rect x="${lw}" width="${mw}" height="20" fill="${color}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14">${label}</text>`,
    `<text x="${lw + mw / 2}" y="14">${message}</text>`,
    `</g>`,
    `</svg>`,
    ""
  ].join("\n");
}
function badgePaths(project) {
  return { json: `badges/${project}.json`, svg: `badges/${project}.svg` };
}
function readmeSnippet(repository, branch, project, link) {
  const raw = `https://raw.githubusercontent.com/${repository}/${branch}/${badgePaths(project).json}`;
  const img = `https://img.shields.io/endpoint?url=${encodeURIComponent(raw)}`;
  return `[![${BADGE_LABEL}](${img})](${link ?? `https://github.com/${repository}`})`;
}

// src/badge/publish.ts
import { mkdirSync as mkdirSync4, writeFileSync as writeFileSync4 } from "node:fs";
import path19 from "node:path";
var DEFAULT_BADGE_BRANCH = "repro-badges";
function badgeFiles(project, badge) {
  const p = badgePaths(project);
  return [
    { path: p.json, content: JSON.stringify(badge) + "\n" },
    { path: p.svg, content: renderBadgeSvg(badge) }
  ];
}
function writeBadgeDir(dir, project, badge) {
  mkdirSync4(dir, { recursive: true });
  return badgeFiles(project, badge).map((f) => {
    const file = path19.join(dir, path19.basename(f.path));
    writeFileSync4(file, f.content);
    return file;
  });
}
async function previousBadge(api, branch, project) {
  if (!await api.branchSha(branch)) return void 0;
  const f = await api.getFile(badgePaths(project).json, branch);
  try {
    return f ? JSON.parse(f.content) : void 0;
  } catch {
    return void 0;
  }
}
async function commitBadge(api, branch, project, badge) {
  const def = await api.defaultBranch();
  if (branch === def)
    throw new ReproError(`the badge branch "${branch}" is the default branch; badges are never committed there.`, {
      fix: `use a dedicated branch such as \`${DEFAULT_BADGE_BRANCH}\`.`
    });
  let created = false;
  if (!await api.branchSha(branch)) {
    const base = await api.branchSha(def);
    if (!base)
      throw new ReproError(`the default branch ${def} was not found, so the badge branch cannot be made from it.`);
    await api.createBranch(branch, base);
    created = true;
  }
  const written = [];
  for (const f of badgeFiles(project, badge)) {
    const old = await api.getFile(f.path, branch);
    if (old?.content === f.content) continue;
    await api.putFile(f.path, branch, f.content, `repro-ci: ${badge.message}`, old?.sha);
    written.push(f.path);
  }
  return { branch, created, written };
}
function octokitBranchApi(token, repository) {
  const { api, owner, repo } = lazyOctokit(token, repository);
  const notFound = (e) => e.status === 404;
  return {
    defaultBranch: async () => (await (await api).rest.repos.get({ owner, repo })).data.default_branch,
    branchSha: async (branch) => {
      try {
        return (await (await api).rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
      } catch (e) {
        if (notFound(e)) return void 0;
        throw e;
      }
    },
    createBranch: async (branch, sha2) => void await (await api).rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: sha2 }),
    getFile: async (file, branch) => {
      try {
        const d = (await (await api).rest.repos.getContent({ owner, repo, path: file, ref: branch })).data;
        return { sha: d.sha, content: Buffer.from(d.content ?? "", "base64").toString("utf8") };
      } catch (e) {
        if (notFound(e)) return void 0;
        throw e;
      }
    },
    putFile: async (file, branch, content, message, sha2) => void await (await api).rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: file,
      branch,
      message,
      content: Buffer.from(content).toString("base64"),
      ...sha2 ? { sha: sha2 } : {}
    })
  };
}

// src/verify/verify.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { mkdirSync as mkdirSync5, mkdtempSync as mkdtempSync3, readFileSync as readFileSync10, rmSync as rmSync6, writeFileSync as writeFileSync5 } from "node:fs";
import os5 from "node:os";
import path21 from "node:path";

// src/verify/plan.ts
import path20 from "node:path";
var RECORDED_METRICS_FILE = "recorded-metrics.json";
function planVerify(record, requested) {
  const names = record.steps.map((s) => s.name);
  if (names.length === 0)
    throw new ReproError(
      `the record of ${record.project} has no steps (a build-and-push-only run): there is nothing to re-run.`,
      {
        fix: "verify checks a result by re-running the steps that made it; the image itself is named by its digest, which `docker pull IMAGE@DIGEST` checks.",
        exitCode: 2
      }
    );
  for (const r of requested ?? [])
    if (!names.includes(r))
      throw new ReproError(`the record has no step "${r}".`, {
        fix: `${didYouMean(r, names)} (recorded steps: ${names.join(", ")})`,
        exitCode: 2
      });
  const wanted = new Set(
    requested?.length ? requested : record.steps.filter((s) => s.writesMetrics).map((s) => s.name)
  );
  if (wanted.size === 0) for (const n of names) wanted.add(n);
  const notes = [];
  for (const s of [...record.steps].reverse()) {
    if (!wanted.has(s.name)) continue;
    for (const m of s.mounts.filter((m2) => m2.readOnly && m2.producedBy)) {
      if (!wanted.has(m.producedBy)) {
        wanted.add(m.producedBy);
        notes.push(
          `${s.name} reads ${m.host}/ that ${m.producedBy} wrote (it is in no image): re-running ${m.producedBy} first.`
        );
      }
    }
  }
  const steps = record.steps.filter((s) => wanted.has(s.name));
  const externalInputs = [
    ...new Set(steps.flatMap((s) => s.mounts.filter((m) => m.readOnly && !m.producedBy).map((m) => m.host)))
  ];
  return { steps, notes, externalInputs };
}
function configFromRecord(record, plan, root, workspace, results) {
  const where = { file: "record.json" };
  const external = new Set(plan.externalInputs);
  const steps = plan.steps.map((s) => ({
    name: s.name,
    image: s.image,
    command: s.command,
    args: s.args,
    env: s.env,
    mounts: s.mounts.map((m) => ({
      host: path20.resolve(external.has(m.host) && workspace ? workspace : root, m.host),
      container: m.container,
      readOnly: m.readOnly
    })),
    workdir: s.workdir,
    timeoutSeconds: s.timeoutSeconds,
    gpus: s.gpus,
    network: s.network,
    resources: s.resources,
    where
  }));
  const checks = record.rules.map((r) => ({ ...r, where }));
  const sources = record.metrics.sources.map((s) => ({
    file: path20.resolve(root, s.path),
    format: s.format,
    row: s.row,
    prefix: s.prefix,
    where
  }));
  return {
    file: path20.join(root, "record.json"),
    root,
    name: record.project,
    images: record.images.map((i) => ({
      key: i.key,
      dockerfile: path20.resolve(root, i.dockerfile),
      context: path20.resolve(root, i.context),
      target: i.target,
      buildArgs: i.buildArgs,
      where
    })),
    steps,
    metrics: sources.length ? { file: sources[0].file, where, sources, reference: { file: path20.join(root, RECORDED_METRICS_FILE), where } } : void 0,
    checks,
    push: parsePushSettings(void 0, () => void 0),
    results,
    lint: { level: "off", ignore: [] },
    cache: {
      layers: "none",
      layerTimeoutSeconds: DEFAULT_LAYER_TIMEOUT_S,
      serviceTimeoutSeconds: DEFAULT_SERVICE_TIMEOUT_S,
      mounts: {}
    }
  };
}
function imageRefFor(record, key, fromRegistry) {
  const img = record.images.find((i) => i.key === key);
  if (!img)
    throw new ReproError(`the record names no image "${key}".`, {
      fix: "the record is damaged: publish it again with `repro-ci run --push`."
    });
  if (fromRegistry) {
    if (!img.pushed)
      throw new ReproError(`image "${key}" of the record was never pushed, so it cannot be pulled.`, {
        fix: "verify from an archive (`repro-ci archive`, then `docker load` and `repro-ci verify --record`), or push the run."
      });
    return `${img.pushed.repository}@${img.pushed.digest}`;
  }
  return img.localTag || img.id;
}

// src/verify/verify.ts
var VERIFY_RESULTS = ".repro-ci-verify";
async function verify(req, docker, log) {
  const runId = `verify-${Date.now().toString(36)}-${randomBytes3(3).toString("hex")}`;
  let record;
  let recordFrom;
  let image;
  const fromRegistry = !req.recordFile;
  if (req.recordFile) {
    recordFrom = req.recordFile;
    record = parseRecord(readFileSync10(req.recordFile, "utf8"), req.recordFile);
  } else {
    const ref = parseImageRef(req.image);
    await log.group(`Pull ${req.image}`, async () => {
      const down = await registryDown(ref.repository);
      if (down)
        throw new ReproError(`${down} (GET /v2/), so ${req.image} cannot be pulled.`, {
          fix: "check that the registry is up and reachable from this machine, or verify from an archive with --record.",
          exitCode: 2
        });
      await docker.pull(req.image);
    });
    const inspected = await docker.imageInspect(req.image);
    const digest = ref.digest ?? digestFor(ref.repository, inspected?.repoDigests ?? []);
    if (!digest)
      throw new ReproError(`${req.image} has no registry digest after the pull.`, {
        fix: "name an image in a registry, e.g. ghcr.io/owner/project:main."
      });
    image = `${ref.repository}@${digest}`;
    ({ record, ref: recordFrom } = await fetchRecord(docker, ref.repository, digest, runId));
    if (!record.images.some((i) => i.pushed?.digest === digest)) {
      throw new ReproError(
        `the record in ${recordFrom} does not list ${image} among its images, so it does not describe this image.`,
        { fix: "the companion was overwritten or damaged: publish the record again with `repro-ci run --push`." }
      );
    }
  }
  log.info(
    `record of ${record.project} at ${record.source.sha || "no commit"} (${record.createdAt}), schema ${record.schemaVersion}, from ${recordFrom}`
  );
  const plan = planVerify(record, req.steps);
  for (const n of plan.notes) log.info(n);
  if (plan.externalInputs.length > 0 && !req.workspace) {
    throw new ReproError(
      `the steps read ${plan.externalInputs.map((p) => `${p}/`).join(", ")}, which no step produces and no image holds.`,
      { fix: "pass --workspace DIR, a checkout of the repository at the recorded commit that holds them." }
    );
  }
  const images = [];
  for (const key of [...new Set(plan.steps.map((s) => s.image))]) {
    const ref = imageRefFor(record, key, fromRegistry);
    if (fromRegistry) await log.group(`Pull ${key}`, () => docker.pull(ref));
    const found = await docker.imageInspect(ref);
    if (!found)
      throw new ReproError(`image ${ref} (${key}) is not in the local engine.`, {
        fix: "load the archive first: `docker load -i images.tar` in the archive folder."
      });
    const recorded = record.images.find((i) => i.key === key).id;
    if (!fromRegistry && found.id !== recorded)
      throw new ReproError(`image ${ref} (${key}) is ${found.id}, not the recorded ${recorded}.`, {
        fix: "load the archived images (`docker load -i images.tar`), which restores the recorded ones under these names."
      });
    images.push({ key, id: found.id, localTag: ref });
  }
  const root = mkdtempSync3(path21.join(os5.tmpdir(), "repro-ci-verify-"));
  try {
    const results = path21.resolve(req.results ?? VERIFY_RESULTS);
    mkdirSync5(results, { recursive: true });
    writeFileSync5(path21.join(root, RECORDED_METRICS_FILE), JSON.stringify(record.metrics.values, null, 2) + "\n");
    const config = configFromRecord(record, plan, root, req.workspace && path21.resolve(req.workspace), results);
    const context = {
      eventName: "verify",
      sha: record.source.sha,
      ref: record.source.ref,
      repository: record.source.repository,
      isFork: false,
      runId
    };
    const run2 = resolveRun(
      config,
      { builder: req.builder, gpus: req.gpus, gpusFrom: req.gpusFrom },
      "verify",
      process.env,
      context
    );
    const result = await runPipeline({ config, context, docker, log, plan: run2, prebuilt: images });
    return { record, recordFrom, image, plan, result };
  } finally {
    rmSync6(root, { recursive: true, force: true });
  }
}

// src/verify/report.ts
function verdictRows(record, checks) {
  const rows = checks.map((c) => {
    const recorded = c.against?.kind === "reference" ? c.against.value : record.metrics.values[c.metric];
    const delta = c.value !== void 0 && recorded !== void 0 ? formatDelta(c.value - recorded) : "";
    const rule = c.rule.replace("\u2248 reference", "\u2248 recorded");
    const verdict = c.skipped ? `skipped: ${c.message}` : c.ok ? "pass" : `FAIL: ${c.message.replace(/the reference file \S+/, "the record")}`;
    return [
      c.metric,
      recorded === void 0 ? "\u2014" : formatNumber(recorded),
      c.value === void 0 ? "\u2014" : formatNumber(c.value),
      delta,
      rule,
      verdict
    ];
  });
  return { head: ["metric", "recorded", "re-run", "delta", "rule", "verdict"], rows };
}
function verdictLine(checks, error) {
  if (error) return `verdict: NOT verified: ${error}`;
  const judged = checks.filter((c) => !c.skipped);
  const failed = judged.filter((c) => !c.ok).length;
  if (judged.length === 0) return "verdict: re-ran, but the record has no rules to judge the metrics by";
  return failed === 0 ? `verdict: reproduced (${judged.length}/${judged.length} checks pass)` : `verdict: NOT reproduced (${failed} of ${judged.length} checks fail)`;
}
function renderVerdict(record, checks, error) {
  const t = verdictRows(record, checks);
  return [t.rows.length ? textTable(t.head, t.rows) : "", verdictLine(checks, error)].filter(Boolean).join("\n");
}
function renderVerdictMarkdown(image, recordFrom, record, steps, checks, error) {
  const t = verdictRows(record, checks);
  return [
    `## repro-ci verify`,
    "",
    `Image \`${image}\`, record \`${recordFrom}\` (commit \`${record.source.sha || "unknown"}\`, recorded ${record.createdAt}). Re-ran: ${steps.join(", ")}.`,
    "",
    ...t.rows.length ? [markdownTable(t.head, t.rows), ""] : [],
    `**${verdictLine(checks, error).replace(/^verdict: /, "")}**`,
    ""
  ].join("\n");
}

export {
  LINT_LEVELS,
  GPU_VALUES_HINT,
  GPU_PATTERN,
  cacheOutput,
  expandWord,
  parseDockerfile,
  contextCopyWords,
  instructionScopes,
  baseImage,
  RULE_IDS,
  parseConfig,
  loadConfig,
  parseImageRef,
  VERSION2 as VERSION,
  RECORD_FILE,
  parseRecord,
  askOnce,
  renderTextReport,
  isBlocking,
  renderLintText,
  fitSummary,
  fitOutput,
  renderMarkdownReport,
  resourcesFor,
  passEnvValues,
  parseDockerignore,
  globRegex,
  isIgnored,
  dockerfilesAt,
  lintTargets,
  SARIF_FILE,
  configTargets,
  writeSarif,
  attempt,
  unwrap,
  ActionsCacheStore,
  sentFiles,
  baselineKeyPrefix,
  baselineKey,
  parseBaseline,
  RESULT_FILE,
  REPORT_FILE,
  runPipeline,
  resolveRun,
  lazyOctokit,
  gitOutput,
  gitHeadCommit,
  gitDirty,
  badgeFor,
  lastVerifiedDate,
  readmeSnippet,
  writeBadgeDir,
  previousBadge,
  commitBadge,
  octokitBranchApi,
  VERIFY_RESULTS,
  verify,
  renderVerdict,
  renderVerdictMarkdown
};
