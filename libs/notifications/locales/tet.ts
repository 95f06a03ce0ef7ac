import type { Translation } from './en';

/** Tetun (Tetun Dili, with the Portuguese loans its written administrative register uses). */
export const tet: Translation = {
  kind: {
    'contribute-activities': 'Kontribui atividade ba planu servisu',
    'consolidate-plan': 'Konsolida planu servisu',
    'endorse-plan': 'Aprova planu servisu, ka hato’o objesaun',
    'report-progress': 'Relata progresu atividade ida nian',
    'finalise-report': 'Finaliza relatóriu anuál',
    'concur-or-object': 'Konkorda ho proposta ida, ka hato’o objesaun',
    'submit-twg-update': 'Haruka informasaun foun TWG nian',
    'consolidate-twg-report': 'Hakerek relatóriu TWG nian',
    'propose-agenda-items': 'Propoin pontu ba ajenda enkontru nian',
    'record-meeting': 'Rejista enkontru',
    'correct-minutes': 'Korrije ata hafoin objesaun',
    'action-item': 'Halo asaun ne’ebé hakotu ona',
  },
  instructions: {
    'contribute-activities':
      'Propoin atividade sira ne’ebé ita-nia ajénsia sei lidera iha planu servisu Rede nian tinan ida-ne’e. Ba ida-idak, hakerek títulu, saida mak nia halo, ajénsia lider no parseiru sira, objetivu GCM ida ka liu ne’ebé nia serbí, objetivu Rede nian, marku ida ba trimestre ida-idak no nia indikadór sira (baze no meta). Haruka lista mamuk se ita-nia ajénsia la iha atividade tinan ida-ne’e. Ita bele haruka fali, troka ita-nia resposta, to’o prazu.',
    'consolidate-plan':
      'Hamutuk kontribuisaun ajénsia sira-nian sai planu servisu ida. Fó ba atividade ida-idak id badak ida (A1, A2…) ne’ebé la muda iha revizaun tuir mai, mantén ka hadi’a saida mak ajénsia sira propoin, no hakerek iha nota saida mak muda kompara ho revizaun kotuk, se iha. Depois, membru sira sei simu pedidu atu aprova.',
    'endorse-plan':
      'Lee planu servisu nia esbosu no mudansa sira revizaun ida-ne’e nian. Aprova, ka hato’o objesaun ho komentáriu ne’ebé hatete saida mak tenke muda. Nonok to’o prazu konta hanesan konkordánsia.',
    'report-progress':
      'Relata progresu trimestre ida-ne’e nian ba atividade ne’ebé ita-nia ajénsia lidera: la’o di’ak, tarde, remata ona ka kansela ona, ho nota kona-ba saida mak akontese. Atividade ne’ebé tarde sei tama iha ajenda enkontru tuir mai.',
    'finalise-report':
      'Lee relatóriu anuál nia esbosu (planu servisu, relatóriu progresu sira, enkontru sira, relatóriu TWG sira no desizaun sira tinan ida-ne’e nian) no aumenta ita-nia rezumu. Finaliza relatóriu taka siklu.',
    'concur-or-object':
      'Lee proposta. Konkorda, ka hato’o objesaun ho razaun. Nonok to’o prazu konta hanesan la iha objesaun, no proposta hetan adosaun.',
    'submit-twg-update':
      'Fó-hatene ba Grupu Servisu Téniku saida mak ita-nia ajénsia entrega iha períodu ida-ne’e no saida mak sai obstákulu: obstákulu ida-idak ho nia gravidade, objetivu GCM ne’ebé nia kona no se Rede mak tenke rezolve ka hato’o ba Governu. Haree obstákulu sira husi ronda kotuk: hatete se sira sei iha.',
    'consolidate-twg-report':
      'Hakerek relatóriu TWG nian ba períodu ida-ne’e husi membru sira-nia informasaun: rezumu ida ba Rede, no obstákulu sira hamutuk no edita sai lista ida.',
    'propose-agenda-items':
      'Propoin pontu sira ne’ebé ita-nia ajénsia (ka TWG ne’ebé nia lidera) hakarak enkontru Rede nian diskute, ida-idak ho títulu no karik nota ida. Obstákulu sira ne’ebé sei loke, asaun sira no desizaun sira tama iha ajenda rasik. Haruka lista mamuk atu la propoin buat ida.',
    'record-meeting':
      'Rejista enkontru tuir saida mak akontese: sé mak marka prezensa ba ajénsia ida-idak, ata, desizaun sira ne’ebé foti, asaun sira (ida-idak ho ajénsia responsavel no prazu) no saida mak desidi kona-ba obstákulu ida-idak ne’ebé sei loke. Depois, ata sei sirkula atu hetan adosaun liuhusi nonok.',
    'correct-minutes':
      'Membru ida hato’o objesaun ba ata. Lee objesaun, korrije ata no hatete saida mak muda: ata ne’ebé korrije ona sei sirkula fali atu hetan adosaun.',
    'action-item':
      'Halo asaun ne’ebé enkontru fó ba ita-nia ajénsia, depois marka nu’udar remata ho nota kona-ba saida mak halo ona. To’o bainhira, nia sei iha ajenda enkontru hotu-hotu nian.',
  },
  mail: {
    opened: {
      subject: 'Knaar foun ba {{agency}}: {{what}}',
      intro: '{{network}} iha knaar foun ida ba {{agency}}.',
    },
    changed: {
      subject: 'Knaar muda ona ba {{agency}}: {{what}}',
      intro: 'Knaar ida {{agency}} nian iha {{network}} muda ona: prazu foun mak {{due}}.',
    },
    reminded: {
      subject: 'Lembrete: {{what}}, prazu {{due}}',
      intro: 'Lembrete husi {{network}}: prazu ba knaar ida-ne’e {{agency}} nian besik ona.',
    },
    escalated: {
      subject: 'Liu ona prazu: {{agency}} seidauk halo "{{what}}"',
      intro: 'Knaar ida-ne’e {{agency}} nian iha {{network}} liu ona prazu no seidauk remata.',
    },
    task: 'Knaar: {{what}}',
    about: 'Kona-ba: {{about}}',
    due: 'Prazu: {{due}}',
    open: 'Loke knaar',
    why: 'Ita simu mensajen ida-ne’e nu’udar {{part}} iha {{network}}. Atu simu menus, ka iha rezumu loroloron, uza ligasaun “unsubscribe” mail ida-ne’e nian ka ita-nia preferénsia notifikasaun.',
  },
  meeting: {
    invited: {
      subject: 'Konvite: {{title}}, {{when}}',
      intro:
        'Koordenadór {{network}} nian konvida ita ba enkontru ida-ne’e. Konvite iha anexu: tau iha ita-nia kalendáriu.',
    },
    rescheduled: {
      subject: 'Muda ona: {{title}}, agora {{when}}',
      intro: 'Enkontru ida-ne’e {{network}} nian muda ona ba {{when}}. Konvite iha anexu troka konvite uluk nian.',
    },
    cancelled: {
      subject: 'Kansela ona: {{title}}',
      intro: 'Enkontru ida-ne’e {{network}} nian kansela ona: {{reason}}',
    },
    when: 'Bainhira: {{when}}',
    agenda: 'Ajenda:',
    noAgenda: 'Ajenda seidauk publika.',
  },
  decision: {
    adopted: {
      subject: 'Aprova ona: {{title}}',
      intro:
        'Membru ida la hato’o objesaun to’o prazu: {{network}} aprova ona proposta ida-ne’e ho prosedimentu nonok.',
    },
    objected: {
      subject: 'Objesaun: {{title}}',
      intro: '{{agency}} hato’o objesaun ba proposta ida-ne’e: "{{reason}}". Koordenadór bele revee ka hasai proposta.',
    },
    withdrawn: {
      subject: 'Hasai ona: {{title}}',
      intro: 'Koordenadór {{network}} nian hasai ona proposta ida-ne’e: "{{reason}}".',
    },
    proposal: 'Proposta: {{title}}',
  },
  report: {
    subject: 'Relatóriu anuál {{year}} {{network}} nian remata ona',
    intro:
      'Koordenadór finaliza ona relatóriu anuál {{year}} nian: planu servisu, ninia progresu no tinan enkontru no TWG sira nian.',
  },
  calendar: {
    name: '{{network}}: enkontru no prazu sira',
    agendaCall: 'Husu pontu ba ajenda: {{title}}',
    due: '{{agency}}: {{what}} (prazu)',
    deadline: {
      planningDue: 'Kontribuisaun ba planu servisu {{year}} taka',
      consolidationDue: 'Prazu ba ezbosu planu servisu {{year}} nian',
      endorsementDue: 'Aprovasaun planu servisu {{year}} taka',
      reviewDue: 'Prazu ba relatóriu anuál {{year}} nian',
    },
  },
  notice: {
    'task-opened': 'knaar foun',
    'task-changed': 'knaar ne’ebé muda',
    'task-reminded': 'lembransa knaar nian',
    'task-escalated': 'knaar ne’ebé liu ona prazu',
    'meeting-invited': 'konvite ba enkontru',
    'meeting-rescheduled': 'enkontru ne’ebé muda data',
    'meeting-cancelled': 'enkontru ne’ebé kansela',
    'decision-adopted': 'desizaun ne’ebé aprova ona',
    'decision-objected': 'objesaun ba desizaun',
    'decision-withdrawn': 'proposta ne’ebé hasai ona',
    'report-finalised': 'relatóriu anuál ikus',
  },
  digest: {
    subject: '{{network}}: ita-nia rezumu loroloron ({{count}})',
    intro: 'Saida mak {{network}} hatete ba ita dezde ita-nia rezumu ikus:',
    why: 'Ita simu rezumu ida-ne’e tanba ita hili ona ba notifikasaun balu. Muda saida mak ita simu: {{link}}',
  },
  unsubscribe: {
    ask: {
      muted: 'Para simu {{what}} husi mignet?',
      digest:
        'Ita-nia servisu rasik la bele hapara: {{what}} bele mai dala ida de’it loron ida, iha ita-nia rezumu loroloron. Haruka ba neba?',
    },
    button: { muted: 'Hapara', digest: 'Haruka iha rezumu loroloron' },
    done: {
      muted: 'Remata: ita sei la simu tan {{what}}.',
      digest: 'Remata: {{what}} agora mai iha ita-nia rezumu loroloron.',
    },
  },
  about: {
    cycle: 'siklu anuál {{year}} nian',
    twg: 'TWG {{twg}}, períodu {{period}} tinan {{year}} nian',
  },
  part: {
    coordinator: 'koordenadór',
    'focal-point': 'pontu fokál {{agency}} nian',
    alternate: 'suplente {{agency}} nian',
    'twg-lead': 'lider TWG ida ba {{agency}}',
    auditor: 'auditór',
    observer: 'observadór',
    substitute: 'substitutu {{person}} nian ({{agency}})',
  },
  reportFile: {
    annualTitle: 'Relatóriu anuál {{year}}',
    networkLine: '{{network}}: Rede ONU ba Migrasaun iha nasaun',
    draft: 'Esbosu husi {{date}}: koordenadór seidauk finaliza',
    finalised: 'Finaliza iha {{date}} husi {{agency}}',
    period: 'Planu servisu revizaun {{revision}}, aprova iha {{date}}',
    noPlan: 'Tinan ne’e la iha planu servisu ne’ebé hetan aprovasaun',
    summary: 'Rezumu husi koordenadór',
    facts: 'Tinan ne’e iha númeru',
    chart: 'Atividade sira tuir objetivu GCM',
    uncovered: 'Objetivu GCM sira ne’ebé atividade ida la serbí: {{list}}',
    page: 'Pájina {{page}} husi {{pages}}',
    late: '{{status}} (tarde)',
    none: '—',
    fact: {
      activities: 'Atividade sira iha planu servisu ne’ebé aprova ona',
      completed: 'Atividade sira ne’ebé remata ona',
      delayed: 'Atividade sira tarde iha sira-nia relatóriu ikus',
      notReported: 'Atividade sira ne’ebé relatóriu ida la mai',
      gcmCovered: 'Objetivu GCM sira ne’ebé kobre, husi 23',
      tasksCompleted: 'Knaar sira ne’ebé remata ona',
      tasksLate: 'Knaar sira ne’ebé remata liu prazu',
      tasksMissed: 'Knaar sira ne’ebé la hetan resposta',
      revisions: 'Revizaun planu servisu nian',
      meetings: 'Enkontru Rede nian ne’ebé hala’o ona',
      impedimentsRaised: 'Obstákulu sira ne’ebé TWG sira hato’o',
      impedimentsResolved: 'Obstákulu sira ne’ebé rezolve ona',
    },
    table: {
      activities: 'Atividade sira no sira-nia progresu kada trimestre',
      indicators: 'Indikadór sira: baze, valór ne’ebé relata kada trimestre, meta',
      'gcm-coverage': 'Objetivu GCM sira no atividade sira ne’ebé serbí sira',
      'tasks-by-agency': 'Knaar sira kada ajénsia',
      revisions: 'Revizaun planu servisu nian no objesaun sira',
      meetings: 'Enkontru Rede nian',
      'action-items': 'Asaun sira kada ajénsia responsavel',
      'twg-updates': 'Atualizasaun TWG kada ajénsia',
      'government-issues': 'Kestaun sira ne’ebé hato’o ba Governu',
    },
    column: {
      id: 'Id',
      title: 'Títulu',
      lead: 'Ajénsia lidera',
      gcm: 'Objetivu GCM',
      quarter: 'T{{n}}',
      status: 'Estadu iha tinan nia rohan',
      activity: 'Atividade',
      indicator: 'Indikadór',
      baseline: 'Baze',
      target: 'Meta',
      objective: 'Objetivu GCM',
      count: 'Atividade',
      activityIds: 'Id atividade sira',
      agency: 'Ajénsia',
      completed: 'Remata ona',
      late: 'Tarde',
      missed: 'La halo',
      cancelled: 'Kansela ona',
      revision: 'Revizaun',
      submitted: 'Haruka iha',
      objections: 'Objesaun',
      objectors: 'Ajénsia sira ne’ebé hato’o objesaun',
      meeting: 'Enkontru',
      scheduled: 'Marka ba',
      held: 'Hala’o iha',
      adopted: 'Ata hetan adosaun',
      decisions: 'Desizaun',
      done: 'Halo ona',
      doneLate: 'Halo tarde',
      open: 'Sei loke',
      overdue: 'Liu prazu',
      dropped: 'Husik ona',
      twg: 'TWG',
      description: 'Kestaun',
    },
    status: {
      'on-track': 'la’o di’ak',
      delayed: 'tarde',
      completed: 'remata ona',
      cancelled: 'kansela ona',
      'not-reported': 'la relata',
      missed: 'la halo',
      'not-due': 'seidauk to’o prazu',
      open: 'loke',
      'in-progress': 'trata hela',
      raised: 'hato’o ona',
      resolved: 'rezolve ona',
      SCHEDULED: 'marka ona',
      AGENDA_CALL: 'simu hela pontu ajenda',
      AGENDA_PUBLISHED: 'ajenda publika ona',
      HELD: 'hala’o ona',
      MINUTES_REVIEW: 'ata iha revizaun',
      ADOPTED: 'ata hetan adosaun',
      CANCELLED: 'kansela ona',
    },
  },
};
