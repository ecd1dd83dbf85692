/**
 * DynamoDB item size of a marshalled item (AttributeValue map), by the documented rules:
 * attribute names count their UTF-8 bytes; S = UTF-8 bytes; N ~ 1 byte per 2 significant digits
 * + 1; B = bytes; BOOL and NULL = 1; L and M = 3 bytes + 1 per element + the elements; SS/NS/BS
 * = sum of members. An estimate of the same kind the service uses for WRU and the 400 KB cap.
 */
export type AttributeValueLike = {
  readonly S?: string;
  readonly N?: string;
  readonly B?: Uint8Array;
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly L?: readonly AttributeValueLike[];
  readonly M?: Readonly<Record<string, AttributeValueLike>>;
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
  readonly BS?: readonly Uint8Array[];
};

function numberSize(n: string): number {
  const digits = n.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

export function attributeValueSize(v: AttributeValueLike): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L !== undefined) return 3 + v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k, 'utf8') + attributeValueSize(e), 0);
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + b.length, 0);
  return 0;
}

export function itemSize(item: Readonly<Record<string, AttributeValueLike>>): number {
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += Buffer.byteLength(name, 'utf8') + attributeValueSize(value);
  return n;
}
