import zhTWBase from './zh-TW.json';
import enBase from './en.json';

/**
 * The translation resources: the foundation's files plus one file per feature area under
 * `locales/<language>/<area>.json`, each holding a single top-level key named after the area.
 */
export type Tree = { [key: string]: string | Tree };

type JsonModule = { default: Tree };

function merge(base: Tree, modules: Record<string, JsonModule>): Tree {
  const out: Tree = { ...base };
  for (const [path, mod] of Object.entries(modules)) {
    for (const [key, value] of Object.entries(mod.default)) {
      if (key in out) {
        throw new Error(`Locale key "${key}" from ${path} is defined twice`);
      }
      out[key] = value;
    }
  }
  return out;
}

export const zhTW = merge(zhTWBase as Tree, import.meta.glob<JsonModule>('./zh-TW/*.json', { eager: true }));
export const en = merge(enBase as Tree, import.meta.glob<JsonModule>('./en/*.json', { eager: true }));
