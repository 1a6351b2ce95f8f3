import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ZoomChange } from '../desktop/zoom.js';

/**
 * The application menu: editing (copy and paste need it on macOS), zoom with Ctrl/Cmd +, - and 0
 * through our own steps so the level is kept, full screen, and the window menu. No reload or
 * developer tools: the page is the app.
 */
export function setAppMenu(zoom: (change: ZoomChange) => void): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Zoom In', accelerator: 'CommandOrControl+=', click: () => zoom('in') },
        // The same on keyboards where + needs Shift, and on the number pad.
        { label: 'Zoom In', accelerator: 'CommandOrControl+Plus', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('in') },
        { label: 'Zoom In', accelerator: 'CommandOrControl+numadd', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('in') },
        { label: 'Zoom Out', accelerator: 'CommandOrControl+-', click: () => zoom('out') },
        { label: 'Zoom Out', accelerator: 'CommandOrControl+numsub', visible: false, acceleratorWorksWhenHidden: true, click: () => zoom('out') },
        { label: 'Actual Size', accelerator: 'CommandOrControl+0', click: () => zoom('reset') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
