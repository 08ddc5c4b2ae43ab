/**
 * True for a 9-digit number that passes the BSN eleven-test: such a value must not be used as the
 * client reference, which is a chain pseudonym (DESIGN.md §5: no BSN in clear).
 */
export function looksLikeBsn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9 || digits.length !== value.replace(/[\s.-]/g, '').length) return false;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index === 8 ? -1 : 9 - index),
    0,
  );
  return sum % 11 === 0 && sum !== 0;
}
