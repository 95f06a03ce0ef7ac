import type { Translation } from './en';

/** Português. */
export const pt: Translation = {
  kind: {
    'contribute-activities': 'Contribuir com atividades para o plano de trabalho',
    'consolidate-plan': 'Consolidar o plano de trabalho',
    'endorse-plan': 'Aprovar o plano de trabalho, ou objetar',
    'report-progress': 'Relatar o progresso de uma atividade',
    'finalise-report': 'Finalizar o relatório anual',
    'concur-or-object': 'Concordar com uma proposta, ou objetar',
    'submit-twg-update': 'Enviar a atualização do GTT',
    'consolidate-twg-report': 'Redigir o relatório do GTT',
    'propose-agenda-items': 'Propor pontos para a agenda da reunião',
    'record-meeting': 'Registar a reunião',
    'correct-minutes': 'Rever a ata corrigida',
    'action-item': 'Executar uma ação acordada',
  },
  mail: {
    opened: {
      subject: 'Nova tarefa para {{agency}}: {{what}}',
      intro: 'A {{network}} tem uma nova tarefa para {{agency}}.',
    },
    changed: {
      subject: 'Tarefa alterada para {{agency}}: {{what}}',
      intro: 'Uma tarefa de {{agency}} na {{network}} foi alterada: o prazo é agora {{due}}.',
    },
    reminded: {
      subject: 'Lembrete: {{what}}, prazo {{due}}',
      intro: 'Um lembrete da {{network}}: o prazo desta tarefa de {{agency}} está a chegar.',
    },
    escalated: {
      subject: 'Prazo ultrapassado: {{agency}} ainda não fez "{{what}}"',
      intro: 'Esta tarefa de {{agency}} na {{network}} ultrapassou o prazo e continua por fazer.',
    },
    task: 'Tarefa: {{what}}',
    about: 'Assunto: {{about}}',
    due: 'Prazo: {{due}}',
    open: 'Abrir a tarefa',
    why: 'Recebe esta mensagem como {{part}} na {{network}}. Para receber menos, ou num resumo diário, use a ligação de cancelamento desta mensagem ou as suas preferências de notificação.',
  },
  meeting: {
    invited: {
      subject: 'Convite: {{title}}, {{when}}',
      intro:
        'O coordenador da {{network}} convida-o para esta reunião. O convite vai em anexo: junte-o ao seu calendário.',
    },
    rescheduled: {
      subject: 'Alterada: {{title}}, agora {{when}}',
      intro: 'Esta reunião da {{network}} passou para {{when}}. O convite em anexo substitui o anterior.',
    },
    cancelled: {
      subject: 'Cancelada: {{title}}',
      intro: 'Esta reunião da {{network}} foi cancelada: {{reason}}',
    },
    when: 'Quando: {{when}}',
    agenda: 'Ordem de trabalhos:',
    noAgenda: 'A ordem de trabalhos ainda não foi publicada.',
  },
  decision: {
    adopted: {
      subject: 'Adotada: {{title}}',
      intro: 'Nenhum membro objetou até ao prazo: a {{network}} adotou esta proposta por procedimento de silêncio.',
    },
    objected: {
      subject: 'Objeção: {{title}}',
      intro: '{{agency}} objetou a esta proposta: "{{reason}}". O coordenador pode revê-la ou retirá-la.',
    },
    withdrawn: {
      subject: 'Retirada: {{title}}',
      intro: 'O coordenador da {{network}} retirou esta proposta: "{{reason}}".',
    },
    proposal: 'Proposta: {{title}}',
  },
  report: {
    subject: 'O relatório anual de {{year}} da {{network}} está concluído',
    intro:
      'O coordenador finalizou o relatório anual de {{year}}: o plano de trabalho, o seu progresso e o ano de reuniões e GTT.',
  },
  calendar: {
    name: '{{network}}: reuniões e prazos',
    agendaCall: 'Pedido de pontos para a agenda: {{title}}',
    due: '{{agency}}: {{what}} (prazo)',
    deadline: {
      planningDue: 'Encerram as contribuições para o plano de trabalho de {{year}}',
      consolidationDue: 'Prazo do projeto de plano de trabalho de {{year}}',
      endorsementDue: 'Encerra a aprovação do plano de trabalho de {{year}}',
      reviewDue: 'Prazo do relatório anual de {{year}}',
    },
  },
  notice: {
    'task-opened': 'novas tarefas',
    'task-changed': 'tarefas alteradas',
    'task-reminded': 'lembretes de tarefas',
    'task-escalated': 'tarefas em atraso',
    'meeting-invited': 'convites para reuniões',
    'meeting-rescheduled': 'reuniões reagendadas',
    'meeting-cancelled': 'reuniões canceladas',
    'decision-adopted': 'decisões adotadas',
    'decision-objected': 'objeções a decisões',
    'decision-withdrawn': 'propostas retiradas',
    'report-finalised': 'o relatório anual final',
  },
  digest: {
    subject: '{{network}}: o seu resumo diário ({{count}})',
    intro: 'O que recebeu da {{network}} desde o seu último resumo:',
    why: 'Recebe este resumo porque o escolheu para algumas notificações. Altere o que recebe: {{link}}',
  },
  unsubscribe: {
    ask: {
      muted: 'Deixar de receber {{what}} do mignet?',
      digest:
        'O seu próprio trabalho não pode ser silenciado: {{what}} podem chegar uma vez por dia, no seu resumo diário. Enviá-los para lá?',
    },
    button: { muted: 'Deixar de receber', digest: 'Enviar no resumo diário' },
    done: {
      muted: 'Feito: deixará de receber {{what}}.',
      digest: 'Feito: {{what}} chegam agora no seu resumo diário.',
    },
  },
  about: {
    cycle: 'o ciclo anual de {{year}}',
    twg: 'GTT {{twg}}, período {{period}} de {{year}}',
  },
  part: {
    coordinator: 'coordenador',
    'focal-point': 'ponto focal de {{agency}}',
    alternate: 'suplente de {{agency}}',
    'twg-lead': 'responsável de um GTT por {{agency}}',
    auditor: 'auditor',
    observer: 'observador',
    substitute: 'substituto de {{person}} ({{agency}})',
  },
};
