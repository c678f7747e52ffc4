import type { SchemaElement } from "hyparquet-writer";

/** A leaf value type, named as the Hugging Face `datasets` library names it. */
export type ValueType = "string" | "int32" | "float64";

/** A column's type: a value, a list of something, or a struct of named fields. */
export type FieldType = ValueType | { list: FieldType } | { struct: Field[] };

/** One named column or struct member. `required` fields are never null. */
export interface Field {
  name: string;
  type: FieldType;
  required?: boolean;
}

const PHYSICAL: Record<ValueType, SchemaElement> = {
  string: { name: "", type: "BYTE_ARRAY", converted_type: "UTF8" },
  int32: { name: "", type: "INT32" },
  float64: { name: "", type: "DOUBLE" },
};

/**
 * The Parquet schema of a list of fields: lists in the standard three-level form
 * (`<name> LIST { repeated group list { element } }`), structs as groups — what pyarrow, DuckDB
 * and the Hub's viewer read as list<…> and struct<…>.
 */
export function parquetSchema(fields: readonly Field[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: "root", num_children: fields.length }];
  for (const field of fields) appendField(out, field);
  return out;
}

function appendField(out: SchemaElement[], field: Field): void {
  const repetition_type = field.required ? "REQUIRED" : "OPTIONAL";
  const type = field.type;
  if (typeof type === "string") {
    out.push({ ...PHYSICAL[type], name: field.name, repetition_type });
  } else if ("list" in type) {
    out.push({ name: field.name, repetition_type, converted_type: "LIST", num_children: 1 });
    out.push({ name: "list", repetition_type: "REPEATED", num_children: 1 });
    appendField(out, { name: "element", type: type.list, required: true });
  } else {
    out.push({ name: field.name, repetition_type, num_children: type.struct.length });
    for (const member of type.struct) appendField(out, member);
  }
}

/** A feature of a dataset card's `dataset_info.features`, as `datasets` writes them in YAML. */
export type CardFeature = { name?: string; dtype?: string; list?: unknown; struct?: CardFeature[] };

/** The `dataset_info.features` of these fields (`dtype`, `list`, `struct`, as `datasets` writes them). */
export function cardFeatures(fields: readonly Field[]): CardFeature[] {
  return fields.map((field) => ({ name: field.name, ...cardType(field.type) }));
}

function cardType(type: FieldType): Omit<CardFeature, "name"> {
  if (typeof type === "string") return { dtype: type };
  if ("struct" in type) return { struct: cardFeatures(type.struct) };
  const item = type.list;
  if (typeof item === "string") return { list: item };
  if ("struct" in item) return { list: cardFeatures(item.struct) };
  return { list: cardType(item) };
}
