// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing,
// so the shipped app cannot be turned into a general-purpose Node runtime or debugger.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';

/** The file that carries the fuse wire, per platform (the same rule electron-builder uses). */
function electronBinary({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // A modified binary must be re-signed ad hoc to launch on Apple silicon.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer comes from app://, so file:// pages need no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
}
