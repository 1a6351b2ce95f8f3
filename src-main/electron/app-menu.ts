import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { DeskText } from '../desktop/desk-text.js';
import type { ZoomChange } from '../desktop/zoom.js';

/**
 * The application menu: editing (copy and paste need it on macOS), zoom with Ctrl/Cmd +, - and 0
 * through our own steps so the level is kept, full screen, and the window menu. No reload or
 * developer tools: the page is the app. Our labels follow the interface language, set again on a
 * switch; the standard menus (roles) are named by Electron in the system's language.
 */
export function setAppMenu(zoom: (change: ZoomChange) => void, text: DeskText): void {
  buildAppMenu(zoom, text);
  text.onSwitch(() => buildAppMenu(zoom, text));
}

function buildAppMenu(zoom: (change: ZoomChange) => void, { t }: DeskText): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'editMenu' },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.zoomIn'), accelerator: 'CommandOrControl+=', click: () => zoom('in') },
        // The same on keyboards where + needs Shift, and on the number pad.
        { label: t('menu.zoomIn'), accelerator: 'CommandOrControl+Plus', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('in') },
        { label: t('menu.zoomIn'), accelerator: 'CommandOrControl+numadd', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('in') },
        { label: t('menu.zoomOut'), accelerator: 'CommandOrControl+-', click: () => zoom('out') },
        { label: t('menu.zoomOut'), accelerator: 'CommandOrControl+numsub', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('out') },
        { label: t('menu.actualSize'), accelerator: 'CommandOrControl+0', click: () => zoom('reset') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
