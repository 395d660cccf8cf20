import { BackupPanel } from './BackupPanel.js';
import { ExperimentTransferPanel } from './ExperimentTransferPanel.js';
import { TrackingPanel } from './TrackingPanel.js';
import './settings.css';

/** Backups, restore, moving experiments between installs, and logging from scripts. */
export function SettingsView() {
  return (
    <div className="view">
      <header className="view-header">
        <p className="eyebrow">Settings</p>
        <h1>Back up, restore and move your work</h1>
      </header>
      <div className="dataset-body">
        <BackupPanel />
        <ExperimentTransferPanel />
        <TrackingPanel />
      </div>
    </div>
  );
}
