/**
 * Turns injectable activity services into the plain object of functions a Temporal Worker takes.
 * Methods are bound so `this` keeps pointing at the Nest-managed instance with its dependencies.
 */
export function activityFunctions(
  ...services: object[]
): Record<string, (...args: never[]) => unknown> {
  const functions: Record<string, (...args: never[]) => unknown> = {};
  for (const service of services) {
    const prototype = Object.getPrototypeOf(service) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = prototype[name];
      if (name === 'constructor' || typeof member !== 'function') continue;
      if (name in functions) throw new Error(`Two activity services both define activity ${name}`);
      functions[name] = (member as (...args: never[]) => unknown).bind(service);
    }
  }
  return functions;
}
