/**
 * The external partners of ToR objective 8 ("effective, open and ongoing engagement with external partners … to feed
 * into national, regional and global processes for GCM"), by the categories the ToR names.
 */
export const PARTNER_CATEGORIES = [
  'government',
  'migrants-and-communities',
  'civil-society',
  'migrant-and-diaspora-organisations',
  'local-authorities',
  'private-sector',
  'employers-and-workers-organisations',
  'parliamentarians',
  'national-human-rights-commission',
  'human-rights-organisations',
  'academia',
  'media',
  'other',
] as const;
export type PartnerCategory = (typeof PARTNER_CATEGORIES)[number];

/** What an engagement was. */
export const ENGAGEMENT_KINDS = ['consultation', 'event', 'submission', 'meeting'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

/** The GCM processes an engagement feeds (ToR objective 8: national, regional and global). */
export const GCM_PROCESS_LEVELS = ['national', 'regional', 'global'] as const;
export type GcmProcessLevel = (typeof GCM_PROCESS_LEVELS)[number];
