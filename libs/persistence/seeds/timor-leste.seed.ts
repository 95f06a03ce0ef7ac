/**
 * The UN Migration Network in Timor-Leste, as its Terms of Reference set it out (shared/terms-of-reference.txt):
 * the members, IOM as Coordinator and Secretariat, the Network's 9 objectives and the TWGs' 4.
 */
export interface NetworkSeed {
  readonly code: string;
  readonly name: string;
  /** The country (or region) it serves. */
  readonly country: string;
  readonly timeZone: string;
  readonly coordinatorAgency: string;
  /** Members since the Network's first meeting. */
  readonly joinedAt: string;
  readonly members: readonly { readonly code: string; readonly name: string }[];
  readonly networkObjectives: readonly string[];
  readonly twgObjectives: readonly string[];
  /** TWGs established at the Network's first meeting (`joinedAt`). */
  readonly firstTwgs: readonly {
    readonly code: string;
    readonly name: string;
    readonly thematicArea: string;
    readonly leadAgency: string;
    readonly memberAgencies: readonly string[];
  }[];
}

export const TIMOR_LESTE: NetworkSeed = {
  code: 'tl',
  name: 'UN Migration Network in Timor-Leste',
  country: 'Timor-Leste',
  timeZone: 'Asia/Dili',
  coordinatorAgency: 'IOM',
  joinedAt: '2019-11-07T00:00:00+09:00', // the first meeting, ToR footnote 3
  members: [
    { code: 'RCO', name: "UN Resident Coordinator's Office" },
    { code: 'ILO', name: 'International Labour Organization' },
    { code: 'UNDP', name: 'United Nations Development Programme' },
    { code: 'IOM', name: 'International Organization for Migration' },
    { code: 'UNWOMEN', name: 'UN Women' },
    { code: 'UNICEF', name: "United Nations Children's Fund" },
    { code: 'UNFPA', name: 'United Nations Population Fund' },
    { code: 'FAO', name: 'Food and Agriculture Organization of the United Nations' },
    { code: 'OHCHR', name: 'Office of the United Nations High Commissioner for Human Rights' },
  ],
  networkObjectives: [
    'Ensure effective, timely, coordinated UN country team-wide support to the Government of Timor-Leste in their implementation, follow-up and review of the GCM, for the rights and wellbeing of all migrants and their communities of destination, origin, and transit',
    'Support strengthened policy and operational coherent action by the UN Country Team (UNCT), including coordination and linkage with regional and global initiatives in support of GCM implementation as well as preparation, implementation and monitoring of a GCM Action Plan for the country',
    'Prepare an annual work plan in line with the priorities of the GoTL to support implementation of GCM and other migration related developmental agendas',
    'Act as a source of ideas, tools, reliable data and information, analysis, and policy guidance on migration issues, including through the capacity-building mechanism established in the GCM',
    'Ensure Network actions promote the application of relevant international and regional norms and standards relating to migration and the protection of the human rights of migrants, and engagement with UN human rights mechanisms relating to migration',
    'Provide leadership to mobilize coordinated and collaborative action on migration by the UNCT, including by speaking with one voice as appropriate, in accordance with the UN Charter, international/national laws, and mandates/technical expertise of relevant UNCT entities',
    'In carrying out these objectives, the Network and its TWGs will ensure close collaboration with other existing UNCT and LCG coordination mechanisms addressing migration-related issues, actively seeking out synergies and avoiding duplication',
    'Ensure effective, open and ongoing engagement with external partners, migrants, civil society and other relevant stakeholders at national and local levels to feed into national, regional and global processes for GCM',
    'Update the UN Network on Migration at the global level, relevant GoTL committees and UNCT on migration issue on a regular basis',
  ],
  // EXAMPLES, not the Network's real TWGs: the ToR says TWGs were established at the first meeting (7 November 2019)
  // and lists thematic areas, but not which TWGs or who leads them. Replace these with the real ones.
  firstTwgs: [
    {
      code: 'labour-migration',
      name: 'Labour Migration (example)',
      thematicArea: 'labour migration',
      leadAgency: 'ILO',
      memberAgencies: ['ILO', 'IOM', 'UNWOMEN', 'UNDP'],
    },
    {
      code: 'counter-trafficking',
      name: 'Counter-Trafficking (example)',
      thematicArea: 'counter-trafficking in human beings',
      leadAgency: 'IOM',
      memberAgencies: ['IOM', 'UNICEF', 'OHCHR', 'UNWOMEN'],
    },
    {
      code: 'climate-mobility',
      name: 'Migration and Climate Change (example)',
      thematicArea: 'migration and climate change',
      leadAgency: 'FAO',
      memberAgencies: ['FAO', 'UNDP', 'IOM'],
    },
  ],
  twgObjectives: [
    'Identify priority areas for joint programming (delivering as one), including joint research, advocacy, programmes, etc., to support implementation of GCM and advance the migration/mobility related initiatives/discourses',
    'Ensure operational coordination and synergies on key issues, such as migration and development, labour migration, counter-trafficking in human beings, social cohesion, addressing root causes of displacement, diaspora & remittances, migration and climate change, immigration and border management',
    'Regularly (every 2 months) share updates about programme delivery and identify impediments for the Network to address with the GoTL',
    'Provide technical support to the Migration Network by developing policy briefs, policy papers, action plans, coordinated advocacy and training',
  ],
};
