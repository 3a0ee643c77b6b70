# Kotlin (and the uniffi library it shares with Swift): bindings/uniffi + packages/kotlin.
# Included by the Makefile.
KT_DIR        := packages/kotlin
MVN           ?= mvn
KT_MVN        := $(MVN) -B -q --no-transfer-progress -Dstyle.color=never
KT_DEPS_STAMP := $(KT_DIR)/target/.maven-deps

.PHONY: setup-kotlin build-uniffi test-kotlin example-kotlin

setup-kotlin: $(KT_DEPS_STAMP) ## Kotlin: check Java 17+ and Maven, resolve the Maven dependencies once

$(KT_DEPS_STAMP): $(KT_DIR)/pom.xml
	@command -v java >/dev/null || { echo "java is missing: install a JDK 17 or newer" >&2; exit 1; }
	@command -v $(MVN) >/dev/null || { echo "mvn is missing: install Apache Maven 3.8 or newer" >&2; exit 1; }
	cd $(KT_DIR) && $(KT_MVN) dependency:resolve-plugins dependency:resolve
	mkdir -p $(dir $@) && touch $@

build-uniffi: ## uniffi: the library (debug), the pinned bindgen, the Kotlin bindings and models (in packages/kotlin/target)
	bash $(KT_DIR)/scripts/build-native.sh $(CURDIR)/$(KT_DIR)/target/generated-sources/uniffi $(CURDIR)/$(KT_DIR)/target/native

test-kotlin: setup-kotlin ## Kotlin: rebuild the library and bindings, then conformance, sandbox end-to-end, decode, example
	cd $(KT_DIR) && $(KT_MVN) test || { bash scripts/summary.sh target/surefire-reports; exit 1; }
	bash $(KT_DIR)/scripts/summary.sh $(KT_DIR)/target/surefire-reports

example-kotlin: setup-kotlin build-uniffi ## Kotlin: the example (logs time, prints the budget report) against a fresh sandbox
	bash $(KT_DIR)/scripts/run-example.sh
