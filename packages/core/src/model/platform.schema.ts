import { z } from 'zod';

/**
 * The messaging platform (and version) the design runs on. High-availability options exist only from the
 * version that introduced them: database availability groups came with Exchange Server 2010, so on 2007 they
 * are an upgrade, not an option (DOMAIN.md, TechNet bb124521).
 */
export const platformSchema = z.enum([
  'exchange-2007',
  'exchange-2010',
  'exchange-2013',
  'exchange-2016',
  'exchange-2019',
]);
export type Platform = z.infer<typeof platformSchema>;

/** Platforms oldest first: an option available on one is available on every later one. */
export const PLATFORMS: readonly Platform[] = platformSchema.options;

export const PLATFORM_LABEL: Readonly<Record<Platform, string>> = {
  'exchange-2007': 'Exchange Server 2007',
  'exchange-2010': 'Exchange Server 2010',
  'exchange-2013': 'Exchange Server 2013',
  'exchange-2016': 'Exchange Server 2016',
  'exchange-2019': 'Exchange Server 2019',
};

/** Whether an option introduced with `since` exists on `platform` (an unknown platform offers everything). */
export function platformOffers(platform: Platform | undefined, since: Platform | undefined): boolean {
  if (platform === undefined || since === undefined) return true;
  return PLATFORMS.indexOf(since) <= PLATFORMS.indexOf(platform);
}
