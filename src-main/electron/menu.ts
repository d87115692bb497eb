import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * Menu-light: no menu bar on Windows and Linux (copy and paste work without one there); on
 * macOS only what the system needs for editing and quitting. In development a 开发 menu adds
 * reload and DevTools, which a packaged program never has.
 */
export function applicationMenu(platform: NodeJS.Platform, dev: boolean): Menu | null {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') {
    template.push({ role: 'appMenu' }, { role: 'editMenu' });
  }
  if (dev) {
    template.push({
      label: '开发',
      submenu: [
        { role: 'reload', label: '重新加载' },
        { role: 'toggleDevTools', label: '开发者工具' },
      ],
    });
  }
  return template.length ? Menu.buildFromTemplate(template) : null;
}
