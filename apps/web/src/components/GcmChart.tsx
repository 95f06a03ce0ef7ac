import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { Language } from '../i18n';

use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * GCM coverage: the number of the plan's activities on each of the 23 objectives (ECharts, in a chunk of its own that
 * only this page loads). The table under it carries the same numbers for a screen reader or a print.
 */
export default function GcmChart({
  activities,
  language,
}: {
  activities: { gcmObjectives: number[] }[];
  language: Language;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current, undefined, { renderer: 'canvas', locale: language === 'en' ? 'EN' : 'EN' });
    const counts = Array.from(
      { length: 23 },
      (_, i) => activities.filter((a) => a.gcmObjectives.includes(i + 1)).length,
    );
    chart.setOption({
      aria: { enabled: true, label: { description: t('dashboard.gcmChartLabel') } },
      grid: { left: 32, right: 56, top: 32, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: counts.map((_, i) => String(i + 1)), name: t('dashboard.objective') },
      yAxis: { type: 'value', minInterval: 1, name: t('dashboard.activities') },
      series: [{ type: 'bar', data: counts, itemStyle: { color: '#0b5cab' }, name: t('dashboard.activities') }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [activities, language, t]);
  return (
    <div ref={ref} className="gcm-chart" role="img" aria-label={t('dashboard.gcmChartLabel')} data-testid="gcm-chart" />
  );
}
