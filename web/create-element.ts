/**
 * A small DOM builder for the bookings pages. Text always goes in as textContent, never as HTML:
 * booking purposes, pilots' names and the server's messages are other people's words.
 */

export interface ElementProps {
  className?: string;
  text?: string;
  /** Written to `dataset` (camelCase keys become data-kebab-case attributes). */
  data?: Record<string, string>;
  attrs?: Record<string, string>;
}

/** Create a `tag` element with `props` and `children` (strings become text nodes). */
export function createElement<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.data) Object.assign(node.dataset, props.data);
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
