export { BackupRefused, type BackupCounts, type BackupManifest } from './manifest.js'
export { createBackup, type BackupResult, type DataLayout } from './backup.service.js'
export { BEFORE_RESTORE, restoreBackup, type RestoreResult } from './restore.service.js'
