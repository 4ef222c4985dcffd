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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The five-second smoke run of the harness that CI runs, so the harness cannot rot: every
 * server answers in every mode, and Netty and NGI in every TLS mode. Rates are checked to
 * be non-zero, never compared.
 */
class CompareSmokeTests {

	@Test
	void smokeRunMeasuresEveryServerInEveryModeAndWritesTableAndChart(@TempDir Path output) throws Exception {
		CompareOptions options = CompareOptions.parse("--smoke", "--out", output.toString());
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		List<RunResult> results = new Compare(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
		for (ServerKind server : ServerKind.values()) {
			for (Mode mode : options.modes()) {
				if (!Compare.supports(server, mode)) {
					continue;
				}
				assertThat(results).as("%s in %s mode", server, mode)
					.filteredOn((r) -> r.server() == server && r.mode() == mode)
					.singleElement()
					.satisfies((r) -> assertThat(r.measurement().messages()).isPositive())
					.satisfies((r) -> assertThat(r.rate()).isPositive());
			}
		}
		Report report = new Report(options, results);
		report.write();
		assertThat(output.resolve("echo.md")).content().contains("| Netty 4.2 NIO, 1 loop |", "## idle connections");
		assertThat(output.resolve("echo.svg")).content().startsWith("<svg").contains("</svg>");
		assertEveryTableRowHasTheHeaderColumns(report.markdown());
	}

	@Test
	void tlsSmokeRunMeasuresNettyAndNgiInEveryTlsModeOverTls(@TempDir Path output) throws Exception {
		CompareOptions options = CompareOptions.parse("--smoke", "--tls", "--out", output.toString(), "--name", "tls");
		assertThat(options.servers()).containsExactly(ServerKind.NETTY, ServerKind.NGI_NIO);
		assertThat(options.modes()).containsExactly(Mode.TCP, Mode.BULK, Mode.HANDSHAKE);
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		List<RunResult> results = new Compare(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
		for (ServerKind server : options.servers()) {
			for (Mode mode : options.modes()) {
				assertThat(results).as("%s in %s mode over TLS", server, mode)
					.filteredOn((r) -> r.server() == server && r.mode() == mode)
					.singleElement()
					.satisfies((r) -> assertThat(r.measurement().messages()).isPositive())
					.satisfies((r) -> assertThat(r.measurement().tls()).startsWith("TLSv1.3 "));
			}
		}
		Report report = new Report(options, results);
		report.write();
		assertThat(output.resolve("tls.md")).content()
			.contains("# NGI echo comparison over TLS", "| MiB/s |", "| handshake/s |", "TLS agreed: netty TLSv1.3");
		assertEveryTableRowHasTheHeaderColumns(report.markdown());
	}

	@Test
	void tlsRefusesModesAndServersWithoutTls() {
		assertThatIllegalArgumentException().isThrownBy(() -> CompareOptions.parse("--tls", "--modes", "tcp,udp"))
			.withMessageContaining("udp");
		assertThatIllegalArgumentException().isThrownBy(() -> CompareOptions.parse("--tls", "--servers", "blocking"))
			.withMessageContaining("blocking");
	}

	private static void assertEveryTableRowHasTheHeaderColumns(String markdown) {
		long header = -1;
		for (String line : markdown.split("\n")) {
			if (!line.startsWith("|")) {
				header = -1;
				continue;
			}
			long columns = line.chars().filter((c) -> c == '|').count();
			if (header < 0) {
				header = columns;
			}
			assertThat(columns).as("columns of %s", line).isEqualTo(header);
		}
	}

	@Test
	void durationsParseMillisecondsSecondsAndMinutes() {
		assertThat(CompareOptions.duration("500ms").toMillis()).isEqualTo(500);
		assertThat(CompareOptions.duration("2.5s").toMillis()).isEqualTo(2500);
		assertThat(CompareOptions.duration("2m").toSeconds()).isEqualTo(120);
	}

	@Test
	void medianOfEvenCountAveragesTheMiddlePair() {
		assertThat(Report.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
		assertThat(Report.median(new double[] { 3, 1, 2 })).isEqualTo(2);
	}

}
