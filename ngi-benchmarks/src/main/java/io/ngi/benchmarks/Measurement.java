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
 */
record Measurement(long messages, double seconds, double p50Micros, double p99Micros, double p999Micros, long lost,
		String tls) {

	double rate() {
		return (this.seconds > 0) ? this.messages / this.seconds : 0;
	}

}
