package io.ngi.nio;

import io.ngi.Implementation;
import io.ngi.ImplementationContractTests;

/**
 * The testing helper's shared contract suite ({@link ImplementationContractTests} in
 * {@code io.ngi}) on {@link NioImplementation}, with the socket close reasons.
 */
class NioSharedContractTests extends ImplementationContractTests {

	@Override
	protected Implementation createImplementation() {
		return NioImplementation.builder().name("shared-contract").build();
	}

	@Override
	protected void shutdown(Implementation implementation) {
		((NioImplementation) implementation).close();
	}

	/** Sockets report the end of the stream, as zc.ngi.async does. */
	@Override
	protected String peerClosedReason() {
		return "end of input";
	}

	/** Sockets pass the exception's {@code toString()}. */
	@Override
	protected String inputFailureReason(Exception failure) {
		return failure.toString();
	}

}
