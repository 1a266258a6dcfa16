import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';

const ITEMS = 'contracts:array-items';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ItemClass = () => Function;

/**
 * A property holding an array of `item` objects, at most `max` of them: each one is validated,
 * and the AsyncAPI document describes the items (class-validator alone only knows "an array").
 */
export function NestedArray(item: ItemClass, max: number): PropertyDecorator {
  return (target, key) => {
    Reflect.defineMetadata(ITEMS, item, target, key);
    IsArray()(target, key);
    ArrayMaxSize(max)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(item as () => new () => object)(target, key);
  };
}

/** The item class of a `@NestedArray` property, if it is one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function nestedArrayItem(cls: Function, property: string): Function | undefined {
  const item = Reflect.getMetadata(ITEMS, cls.prototype as object, property) as
    ItemClass | undefined;
  return item?.();
}
