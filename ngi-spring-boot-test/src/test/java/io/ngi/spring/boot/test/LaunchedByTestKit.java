package io.ngi.spring.boot.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a test class only when a test launches it through the JUnit Platform
 * {@code EngineTestKit} with the configuration parameter {@value #PARAMETER}
 * {@code =true}: such classes fail on purpose and must not run in the suite.
 */
final class LaunchedByTestKit implements ExecutionCondition {

	static final String PARAMETER = "io.ngi.test.launched-by-testkit";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
				? ConditionEvaluationResult.enabled("launched by EngineTestKit")
				: ConditionEvaluationResult.disabled("runs only when launched by EngineTestKit");
	}

}
