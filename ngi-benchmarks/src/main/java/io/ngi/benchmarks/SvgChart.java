/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Draws the ratios of a comparison as a grouped bar chart in plain SVG: one group per
 * mode, one bar per server, a line at the baseline (1.0).
 */
final class SvgChart {

	private static final String[] COLORS = { "#8c8c8c", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#d62728" };

	/** Bars above this ratio are clipped (their label keeps the real value). */
	private static final double MAX_PLOTTED = 3.0;

	private static final int GROUP_WIDTH = 220;

	private static final int LEFT = 60;

	private static final int TOP = 60;

	private static final int PLOT_HEIGHT = 260;

	private final CompareOptions options;

	private final Report report;

	private final String environment;

	SvgChart(CompareOptions options, Report report, String environment) {
		this.options = options;
		this.report = report;
		this.environment = environment;
	}

	String render() {
		List<Mode> modes = this.options.modes();
		List<ServerKind> servers = this.options.servers();
		int width = LEFT + GROUP_WIDTH * modes.size() + 20;
		int height = TOP + PLOT_HEIGHT + 60 + 20 * servers.size();
		double maxRatio = 1.5;
		for (Mode mode : modes) {
			for (Report.Row row : this.report.rows(mode)) {
				if (!Double.isNaN(row.ratio())) {
					maxRatio = Math.max(maxRatio, Math.min(MAX_PLOTTED, row.ratio()) * 1.15);
				}
			}
		}
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
		text(svg, LEFT, 22, 16, "start", "NGI echo benchmark: ratio to " + servers.get(0).label());
		text(svg, LEFT, 40, 11, "start", this.environment);
		int baseY = TOP + PLOT_HEIGHT;
		for (double tick = 0; tick <= maxRatio; tick += 0.5) {
			double y = baseY - tick / maxRatio * PLOT_HEIGHT;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>%n", LEFT, y,
					width - 20, y, (tick == 1.0) ? "#333" : "#ddd", (tick == 1.0) ? "1.5" : "1"));
			text(svg, LEFT - 6, (int) y + 4, 11, "end", String.format(Locale.ROOT, "%.1fx", tick));
		}
		for (int m = 0; m < modes.size(); m++) {
			Mode mode = modes.get(m);
			List<Report.Row> rows = this.report.rows(mode);
			int groupX = LEFT + m * GROUP_WIDTH;
			int barWidth = Math.max(8, (GROUP_WIDTH - 30) / Math.max(1, servers.size()));
			for (Report.Row row : rows) {
				int index = servers.indexOf(row.server());
				double ratio = Double.isNaN(row.ratio()) ? 0 : row.ratio();
				double barHeight = Math.min(ratio, maxRatio) / maxRatio * PLOT_HEIGHT;
				int x = groupX + 15 + index * barWidth;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n", x, baseY - barHeight,
						barWidth - 4, barHeight, COLORS[index % COLORS.length]));
				text(svg, x + (barWidth - 4) / 2, (int) (baseY - barHeight) - 4, 10, "middle",
						String.format(Locale.ROOT, "%.2f", ratio));
			}
			String caption = (mode == Mode.IDLE) ? mode.label() + " (heap/conn, lower better)"
					: mode.label() + " (" + mode.unit() + "/s)";
			text(svg, groupX + GROUP_WIDTH / 2, baseY + 18, 12, "middle", caption);
		}
		for (int s = 0; s < servers.size(); s++) {
			int y = baseY + 40 + s * 20;
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
					LEFT, y - 10, COLORS[s % COLORS.length]));
			text(svg, LEFT + 18, y, 12, "start", servers.get(s).label());
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void text(StringBuilder svg, int x, int y, int size, String anchor, String text) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
				x, y, size, anchor, escape(text)));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
