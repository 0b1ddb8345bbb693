import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The demo portal. Plugins listed in package.json are discovered
 * (`app.packages: all`), the Namespace Scheduler's `./alpha` among them.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
