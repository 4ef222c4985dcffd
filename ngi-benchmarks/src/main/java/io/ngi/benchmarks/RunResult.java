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

/**
 * One measured run of one server in one mode.
 *
 * @param mode what was measured
 * @param server the server
 * @param round the round (1-based)
 * @param measurement the client-side figures
 * @param cpuPercent server CPU time during the measured time, in percent of one core
 * @param rssBytes server resident memory at the end of the run
 * @param peakRssBytes server peak resident memory (VmHWM)
 * @param heapPerConnection server heap per idle connection in bytes (idle mode, else 0)
 */
record RunResult(Mode mode, ServerKind server, int round, Measurement measurement, double cpuPercent, long rssBytes,
		long peakRssBytes, long heapPerConnection) {

	double rate() {
		return this.measurement.rate();
	}

}
