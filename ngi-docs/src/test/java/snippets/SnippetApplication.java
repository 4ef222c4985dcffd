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
