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
