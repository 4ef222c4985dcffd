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
