# Swift: packages/swift (the uniffi library of bindings/uniffi). Included by the Makefile.
SWIFT_DIR := packages/swift

.PHONY: test-swift swift-generate

test-swift: ## Swift: committed bindings match the current library, layout is consistent; swift build/test where Swift is
	bash $(SWIFT_DIR)/scripts/check.sh

swift-generate: ## Swift: regenerate the committed bindings and models from the current library
	bash $(SWIFT_DIR)/scripts/generate.sh
