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

package snippets;

import org.springframework.boot.SpringBootConfiguration;

/**
 * The configuration a Spring test slice in a documentation snippet finds by searching its
 * package and the packages above ({@code snippets.<document>}), as an application's tests
 * find its {@code @SpringBootApplication}. It scans nothing: a snippet's test imports the
 * configuration it tests, so the snippets of one document never see another's beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
class SnippetApplication {

}
