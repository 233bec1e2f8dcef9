// Forwards the labelling page's keys to .NET. What a key does is decided in C# (ShortcutMap); this module is
// told which key names act in and out of text boxes only so that it can stop the browser's own handling of
// them (Enter on a focused button, arrows scrolling, "/" opening quick find), which must happen synchronously.
const listeners = new Map();
let nextHandle = 1;

// Checkboxes and buttons take focus when clicked, but nobody types into them: keys there stay shortcuts.
const notTyped = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

function isTextEntry(element) {
  if (!(element instanceof Element)) return false;
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return element.tagName === 'INPUT' && !notTyped.has(element.type);
}

// searchKeys focus the element searchBox selects, here and now rather than after a round trip to the server: the
// keys typed right after "/" must land in the box, not act as shortcuts ("s" would skip the product).
export function listen(dotNet, keysOutsideInputs, keysInInputs, searchKeys, searchBox) {
  const outside = new Set(keysOutsideInputs);
  const inside = new Set(keysInInputs);
  const search = new Set(searchKeys ?? []);
  const onKeyDown = event => {
    // Ctrl, Alt and Meta combinations belong to the browser and the system (Alt+← is "back").
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    const inInput = isTextEntry(event.target);
    if (!(inInput ? inside : outside).has(event.key)) return;
    event.preventDefault();
    const box = !inInput && searchBox && search.has(event.key) ? document.querySelector(searchBox) : null;
    if (box instanceof HTMLInputElement) {
      box.focus();
      box.select();
      return;
    }
    dotNet.invokeMethodAsync('OnKeyAsync', event.key, inInput, event.repeat).catch(() => { /* circuit gone */ });
  };
  document.addEventListener('keydown', onKeyDown);
  const handle = nextHandle++;
  listeners.set(handle, onKeyDown);
  // Keys act from now on (the page may have shown, prerendered, before): said on <html> for browser tests.
  document.documentElement.dataset.labellingShortcuts = 'on';
  return handle;
}

export function stop(handle) {
  const onKeyDown = listeners.get(handle);
  if (onKeyDown) document.removeEventListener('keydown', onKeyDown);
  listeners.delete(handle);
  if (listeners.size === 0) delete document.documentElement.dataset.labellingShortcuts;
}

export function leaveInput() {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
