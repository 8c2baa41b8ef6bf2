import type { Settings } from '../config/settings.js';
import {
  closeSharedResources,
  openReadyResources,
  type SharedResources,
} from '../roles/shared-resources.js';

/**
 * Opens the stores the settings name for the work of one command, once the event store
 * answers (as `serve` waits for it), and closes them after.
 */
export async function withResources<T>(
  settings: Settings,
  work: (resources: SharedResources) => Promise<T>,
): Promise<T> {
  const resources = await openReadyResources(settings);
  try {
    return await work(resources);
  } finally {
    await closeSharedResources(resources);
  }
}
