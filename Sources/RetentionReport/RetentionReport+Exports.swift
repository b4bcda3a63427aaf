@_exported public import RetentionCore
