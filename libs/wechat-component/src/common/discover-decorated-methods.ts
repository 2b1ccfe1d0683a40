import type { Logger } from '@nestjs/common';
import type { DiscoverableDecorator, DiscoveryService, MetadataScanner } from '@nestjs/core';

/** A provider method carrying a discoverable decorator, bound to its instance. */
export interface DecoratedMethod<T> {
  readonly metadata: T;
  /** `ClassName.methodName`, for logs. */
  readonly name: string;
  readonly invoke: (...args: unknown[]) => unknown;
}

/**
 * Finds every provider method decorated with `decorator`, the way @nestjs/schedule does: static providers only
 * (a request-scoped provider has no instance to call, so it is skipped with a warning).
 */
export function discoverDecoratedMethods<T>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  decorator: DiscoverableDecorator<T>,
  logger: Logger,
): DecoratedMethod<T>[] {
  const found: DecoratedMethod<T>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const { instance } = wrapper;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) continue;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const metadata = discovery.getMetadataByDecorator(decorator, wrapper, methodName) as T | undefined;
      if (metadata === undefined) continue;
      const name = `${instance.constructor.name}.${methodName}`;
      if (!wrapper.isDependencyTreeStatic()) {
        logger.warn(`${name} is ignored: handlers cannot be request-scoped providers`);
        continue;
      }
      const method = (instance as Record<string, (...args: unknown[]) => unknown>)[methodName]!;
      found.push({ metadata, name, invoke: (...args) => method.apply(instance, args) });
    }
  }
  return found;
}
