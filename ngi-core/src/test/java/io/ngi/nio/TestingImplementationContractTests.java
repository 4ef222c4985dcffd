package io.ngi.nio;

import java.net.SocketAddress;

import io.ngi.Implementation;
import io.ngi.testing.TestingImplementation;

/**
 * The contract on {@link TestingImplementation}: everything happens inside the calls, so
 * assertions are checked once.
 */
class TestingImplementationContractTests extends ImplementationContractTests {

	private final TestingImplementation implementation = new TestingImplementation();

	@Override
	protected Implementation implementation() {
		return this.implementation;
	}

	@Override
	protected void eventually(Runnable assertion) {
		assertion.run();
	}

	/** In memory the peer's close reason is {@code "closed"} (zc.ngi.testing). */
	@Override
	protected String peerClosedReason() {
		return "closed";
	}

	/** In memory a failing handler gets {@code "handle_input error"} (zc.ngi.testing). */
	@Override
	protected String handlerFailureReason(Exception failure) {
		return "handle_input error";
	}

	@Override
	protected SocketAddress unusedAddress() {
		return TestingImplementation.address("nobody");
	}

	/** In memory a missing listener gives {@code "no such server"} (zc.ngi.testing). */
	@Override
	protected String refusedReason() {
		return "no such server";
	}

}
