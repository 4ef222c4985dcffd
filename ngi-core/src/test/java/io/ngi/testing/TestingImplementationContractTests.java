package io.ngi.testing;

import io.ngi.Implementation;
import io.ngi.ImplementationContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implementation contract on the testing implementation, with its close reasons.
 */
class TestingImplementationContractTests extends ImplementationContractTests {

	@Override
	protected Implementation createImplementation() {
		return new TestingImplementation();
	}

	@Override
	protected void shutdown(Implementation implementation) {
		TestingImplementation testing = (TestingImplementation) implementation;
		testing.assertNoOpenConnections();
		testing.rethrowHandlerErrors();
	}

	@Override
	protected String peerClosedReason() {
		return "closed";
	}

	@Override
	protected String inputFailureReason(Exception failure) {
		return "handle_input error";
	}

	@Override
	protected void expectHandlerFailure(Implementation implementation, Throwable failure) {
		assertThat(((TestingImplementation) implementation).takeHandlerErrors()).containsExactly(failure);
	}

}
