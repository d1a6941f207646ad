extension Migration {
    /// Every migration of the metrics schema, in version order; append new ones at the end.
    public static let all: [Migration] = [
        .initialSchema,
        .reportViews,
    ]
}
