/** What a signed-in reader may do with an idea's comments: the forms a page shows (the actions check again). */
export interface CommentViewer {
  id: string;
  canComment: boolean;
  canVote: boolean;
}
