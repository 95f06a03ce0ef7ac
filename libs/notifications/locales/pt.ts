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
    'correct-minutes': 'Corrigir a ata após uma objeção',
    'action-item': 'Executar uma ação acordada',
  },
  instructions: {
    'contribute-activities':
      'Proponha as atividades que a sua agência vai liderar no plano de trabalho da Rede este ano. Para cada uma, indique um título, o que faz, as agências líder e parceiras, pelo menos um objetivo do GCM que serve, o objetivo da Rede, um marco por trimestre e os seus indicadores (linha de base e meta). Envie uma lista vazia se a sua agência não tiver atividades este ano. Pode enviar de novo, substituindo a resposta, até ao prazo.',
    'consolidate-plan':
      'Junte as contribuições das agências num único plano de trabalho. Dê a cada atividade um identificador curto (A1, A2…) que se mantém nas revisões seguintes, mantenha ou ajuste o que as agências propuseram e diga na nota o que mudou desde a última revisão, se for o caso. Os membros são depois chamados a aprová-lo.',
    'endorse-plan':
      'Leia a proposta de plano de trabalho e as alterações desta revisão. Aprove-a, ou objete com um comentário que diga o que deve mudar. O silêncio até ao prazo conta como consentimento.',
    'report-progress':
      'Relate o progresso deste trimestre da atividade que a sua agência lidera: em curso, atrasada, concluída ou cancelada, com uma nota sobre o que aconteceu. Uma atividade atrasada é incluída na agenda da reunião seguinte.',
    'finalise-report':
      'Leia a proposta de relatório anual (o plano de trabalho, os relatórios de progresso, as reuniões, os relatórios dos GTT e as decisões do ano) e acrescente o seu resumo. Finalizá-lo encerra o ciclo.',
    'concur-or-object':
      'Leia a proposta. Concorde, ou objete com a razão. O silêncio até ao prazo conta como ausência de objeção, e a proposta é adotada.',
    'submit-twg-update':
      'Informe o Grupo de Trabalho Técnico do que a sua agência realizou no período e do que constitui um obstáculo: cada obstáculo com a sua gravidade, os objetivos do GCM que afeta e se a Rede o deve resolver ou levantar junto do Governo. Veja os obstáculos da ronda anterior: diga se persistem.',
    'consolidate-twg-report':
      'Redija o relatório do GTT para o período a partir das atualizações dos membros: um resumo para a Rede e os obstáculos reunidos e editados numa só lista.',
    'propose-agenda-items':
      'Proponha os pontos que a sua agência (ou o GTT que lidera) quer que a reunião da Rede discuta, cada um com um título e, se quiser, uma nota. Os obstáculos em aberto, as ações e as decisões entram na agenda por si. Envie uma lista vazia para não propor nada.',
    'record-meeting':
      'Registe a reunião tal como decorreu: quem esteve presente por cada agência, a ata, as decisões tomadas, as ações (cada uma com uma agência responsável e um prazo) e o que se decidiu sobre cada obstáculo em aberto. A ata circula depois para adoção por silêncio.',
    'correct-minutes':
      'Um membro objetou à ata. Leia a objeção, corrija a ata e diga o que mudou: a ata corrigida volta a circular para adoção.',
    'action-item':
      'Execute a ação que a reunião atribuiu à sua agência e depois marque-a como concluída, com uma nota sobre o que foi feito. Até lá, fica na agenda de todas as reuniões.',
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
