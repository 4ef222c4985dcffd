package io.ngi.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link NgiStartupException} anywhere in a startup failure's cause chain into
 * Boot's "APPLICATION FAILED TO START" description and action.
 */
final class NgiStartupFailureAnalyzer extends AbstractFailureAnalyzer<NgiStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NgiStartupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
