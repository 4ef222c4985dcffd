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
 * What the load client measured in one run, before server-side figures are added.
 *
 * @param messages messages answered during the measured time
 * @param seconds measured time in seconds
 * @param p50Micros median latency in microseconds (NaN when not measured)
 * @param p99Micros 99th percentile latency in microseconds (NaN when not measured)
 * @param p999Micros 99.9th percentile latency in microseconds (NaN when not measured)
 * @param lost UDP messages given up as lost
 * @param tls the TLS protocol and cipher suite agreed, empty without TLS
 * @param clientCpuPercent CPU time of the load client's thread during the measured time,
 * in percent of one core (NaN when not measured): near 100 means the client, not the
 * server, sets the rate
 */
record Measurement(long messages, double seconds, double p50Micros, double p99Micros, double p999Micros, long lost,
		String tls, double clientCpuPercent) {

	double rate() {
		return (this.seconds > 0) ? this.messages / this.seconds : 0;
	}

}
