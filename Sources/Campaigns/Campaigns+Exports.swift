@_exported public import RetentionCore
@_exported public import Recommendations
