import ArgumentParser
import DBindCore
import DBindFormats

/// Which tag schema the classifier runs: a name in the schemas folder or a YAML path.
struct SchemaOptions: ParsableArguments {
    @Option(help: "Tag schema: a name in --schemas-dir or a YAML path.")
    var schema: String = "base"

    @Option(help: ArgumentHelp("Folder of tag schemas.", valueName: "path"))
    var schemasDir: String = "schemas"

    func load() throws -> TagSchema {
        try TagSchemaLoader(searchDirectories: [schemasDir]).load(schema)
    }
}
