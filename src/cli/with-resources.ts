import type { Settings } from '../config/settings.js';
import {
  closeSharedResources,
  openSharedResources,
  type SharedResources,
} from '../roles/shared-resources.js';

/** Opens the stores the settings name for the work of one command, and closes them after. */
export async function withResources<T>(
  settings: Settings,
  work: (resources: SharedResources) => Promise<T>,
): Promise<T> {
  const resources = openSharedResources(settings);
  try {
    return await work(resources);
  } finally {
    await closeSharedResources(resources);
  }
}
