// Only the echarts parts the examiner's charts use, registered once; imported lazily by ExaminerCharts so the
// rest of the app never loads echarts. No tooltip component: each chart's data table says the same in text.
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, BoxplotChart, GridComponent, LegendComponent, CanvasRenderer]);

export { echarts };
