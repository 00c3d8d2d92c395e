// Unit tables for convert_units: each unit is a factor to the dimension's base unit (temperature is
// handled apart, it is not a pure factor).

/** @type {Record<string, { base: string, units: Record<string, number>, aliases: Record<string, string> }>} */
export const DIMENSIONS = {
  length: {
    base: 'm',
    units: { mm: 0.001, cm: 0.01, m: 1, km: 1000, in: 0.0254, ft: 0.3048, yd: 0.9144, mi: 1609.344, nmi: 1852 },
    aliases: { millimetre: 'mm', millimeter: 'mm', centimetre: 'cm', centimeter: 'cm', metre: 'm', meter: 'm', kilometre: 'km', kilometer: 'km', inch: 'in', foot: 'ft', feet: 'ft', yard: 'yd', mile: 'mi', 'nautical mile': 'nmi' },
  },
  mass: {
    base: 'kg',
    units: { mg: 1e-6, g: 0.001, kg: 1, t: 1000, oz: 0.028349523125, lb: 0.45359237, st: 6.35029318 },
    aliases: { milligram: 'mg', gram: 'g', kilogram: 'kg', tonne: 't', ounce: 'oz', pound: 'lb', lbs: 'lb', stone: 'st' },
  },
  volume: {
    base: 'l',
    units: { ml: 0.001, cl: 0.01, l: 1, m3: 1000, tsp: 0.00492892159375, tbsp: 0.01478676478125, floz: 0.0295735295625, cup: 0.2365882365, pt: 0.473176473, qt: 0.946352946, gal: 3.785411784 },
    aliases: { millilitre: 'ml', milliliter: 'ml', litre: 'l', liter: 'l', 'fl oz': 'floz', pint: 'pt', quart: 'qt', gallon: 'gal', teaspoon: 'tsp', tablespoon: 'tbsp' },
  },
  speed: {
    base: 'm/s',
    units: { 'm/s': 1, 'km/h': 1 / 3.6, mph: 0.44704, kn: 0.514444444 },
    aliases: { kph: 'km/h', kmh: 'km/h', knot: 'kn', knots: 'kn' },
  },
  data: {
    base: 'B',
    units: { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 },
    aliases: { byte: 'B', bytes: 'B' },
  },
};

const TEMPERATURE = { C: 'C', F: 'F', K: 'K', celsius: 'C', fahrenheit: 'F', kelvin: 'K', '°c': 'C', '°f': 'F' };

function toKelvin(value, unit) {
  if (unit === 'C') return value + 273.15;
  if (unit === 'F') return ((value - 32) * 5) / 9 + 273.15;
  return value;
}

function fromKelvin(value, unit) {
  if (unit === 'C') return value - 273.15;
  if (unit === 'F') return ((value - 273.15) * 9) / 5 + 32;
  return value;
}

/** Finds a unit by symbol (case-sensitive first, for MB vs mb) or by name (singular or plural). */
function lookup(name) {
  const raw = String(name).trim();
  const lower = raw.toLowerCase().replace(/s$/, '');
  for (const [dimension, table] of Object.entries(DIMENSIONS)) {
    if (raw in table.units) return { dimension, unit: raw };
  }
  for (const [dimension, table] of Object.entries(DIMENSIONS)) {
    const symbol = Object.keys(table.units).find((u) => u.toLowerCase() === raw.toLowerCase());
    if (symbol) return { dimension, unit: symbol };
    const alias = table.aliases[raw.toLowerCase()] ?? table.aliases[lower];
    if (alias) return { dimension, unit: alias };
  }
  const temperature = TEMPERATURE[raw] ?? TEMPERATURE[raw.toLowerCase()];
  if (temperature) return { dimension: 'temperature', unit: temperature };
  return null;
}

export function convert(value, fromName, toName) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('value must be a finite number');
  const from = lookup(fromName);
  const to = lookup(toName);
  if (!from) throw new Error(`unknown unit ${JSON.stringify(fromName)}`);
  if (!to) throw new Error(`unknown unit ${JSON.stringify(toName)}`);
  if (from.dimension !== to.dimension) throw new Error(`cannot convert ${from.dimension} (${from.unit}) to ${to.dimension} (${to.unit})`);
  if (from.dimension === 'temperature') return { result: fromKelvin(toKelvin(value, from.unit), to.unit), from: from.unit, to: to.unit };
  const table = DIMENSIONS[from.dimension].units;
  return { result: (value * table[from.unit]) / table[to.unit], from: from.unit, to: to.unit };
}

export function listUnits() {
  const lines = Object.entries(DIMENSIONS).map(([dimension, table]) => `${dimension}: ${Object.keys(table.units).join(', ')}`);
  return [...lines, 'temperature: C, F, K'].join('\n');
}
